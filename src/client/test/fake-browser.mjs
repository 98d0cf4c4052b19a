// Just enough IndexedDB and BroadcastChannel for several module instances (tabs) of one Node process to share a key
// store and talk to each other. Every request and message is delivered in a later task, as a browser does, so that two
// tabs' requests interleave. Values are stored as structured clones, as IndexedDB stores them.
const later = (callback) => setTimeout(callback, 0);

/**
 * Installs `indexedDB`; returns what it holds and how often an `add` found its key taken. With `failWrites` (a
 * DOMException name), every write fails so, as in a browser that cannot store a CryptoKey (`DataCloneError`). With
 * `listsDatabases`, it has `databases()`, as browsers have, which opens nothing.
 */
export function installIndexedDB({ failWrites = null, listsDatabases = false } = {}) {
    const databases = new Map();
    const stats = { databases, constraintErrors: 0 };
    globalThis.indexedDB = {
        open(name, version = 1) {
            const request = { result: undefined, error: null };
            later(() => {
                const created = !databases.has(name);
                if (created) {
                    databases.set(name, { version, stores: new Map() });
                }
                request.result = connection(databases.get(name));
                if (created) {
                    request.onupgradeneeded?.({ target: request });
                }
                request.onsuccess?.({ target: request });
            });
            return request;
        },
    };
    if (listsDatabases) {
        globalThis.indexedDB.databases = async () => [...databases.entries()]
            .map(([name, { version }]) => ({ name, version }));
    }

    function connection(database) {
        let closed = false;
        return {
            createObjectStore: (name) => database.stores.set(name, new Map()),
            close: () => {
                closed = true;
            },
            transaction(name, mode = 'readonly') {
                if (closed) {
                    throw new DOMException('The connection is closed', 'InvalidStateError');
                }
                const records = database.stores.get(name);
                if (!records) {
                    throw new DOMException(`No object store ${name}`, 'NotFoundError');
                }
                const transaction = { error: null };
                const run = (write, operation) => {
                    const request = { result: undefined, error: null };
                    later(() => {
                        try {
                            if (write && mode !== 'readwrite') {
                                throw new DOMException('A read-only transaction', 'ReadOnlyError');
                            }
                            if (write && failWrites) {
                                throw new DOMException('This value cannot be stored', failWrites);
                            }
                            request.result = operation();
                            request.onsuccess?.();
                            later(() => transaction.oncomplete?.());
                        } catch (error) {
                            request.error = error;
                            transaction.error = error;
                            request.onerror?.();
                            later(() => transaction.onabort?.());
                        }
                    });
                    return request;
                };
                const store = {
                    get: (key) => run(false, () => structuredClone(records.get(key))),
                    add: (value, key) => run(true, () => {
                        if (records.has(key)) {
                            stats.constraintErrors += 1;
                            throw new DOMException('Key already exists in the object store', 'ConstraintError');
                        }
                        records.set(key, structuredClone(value));
                        return key;
                    }),
                    put: (value, key) => run(true, () => records.set(key, structuredClone(value)) && key),
                };
                transaction.objectStore = () => store;
                return transaction;
            },
        };
    }
    return stats;
}

/** Installs a `BroadcastChannel` that delivers to the other instances of this process. */
export function installBroadcastChannel() {
    const open = new Set();
    globalThis.BroadcastChannel = class extends EventTarget {
        constructor(name) {
            super();
            this.name = name;
            open.add(this);
        }

        postMessage(message) {
            const data = structuredClone(message);
            for (const other of open) {
                if (other !== this && other.name === this.name) {
                    later(() => other.dispatchEvent(new MessageEvent('message', { data })));
                }
            }
        }

        close() {
            open.delete(this);
        }
    };
}
