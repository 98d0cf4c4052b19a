package dev.tokencookie.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.auth.control.LoginWindows.Limit;
import dev.tokencookie.auth.entity.LoginWindow;
import dev.tokencookie.settings.control.TestSettings;
import dev.tokencookie.testing.TestDatabase;
import jakarta.persistence.EntityManager;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The login throttle on the real JPA windows (EclipseLink), each call in its own transaction as the container runs it,
 * with several throttles standing for several nodes on one database; subclasses supply the database.
 */
abstract class LoginThrottleContract {

    /** EclipseLink's log level for these tests: it would log each insert race they provoke as a warning. */
    static final String QUIET = "SEVERE";

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private LoginThrottle throttle;

    abstract TestDatabase database();

    @BeforeEach
    void setUp() {
        throttle = node(new Windows());
        at(T0);
    }

    @AfterEach
    void forgetWindows() {
        inTransaction(em -> em.createQuery("DELETE FROM LoginWindow").executeUpdate());
    }

    LoginThrottle node(Windows windows) {
        LoginThrottle node = new LoginThrottle();
        node.settings = TestSettings.with("auth.login.max-failures", "3", "auth.login.failure-window", "PT15M");
        node.windows = windows;
        return node;
    }

    private void at(Instant instant) {
        throttle.clock = Clock.fixed(instant, ZoneOffset.UTC);
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        return database().inTransaction(work);
    }

    /** The windows as the container runs them: each call a transaction and a persistence context of its own. */
    class Windows extends LoginWindows {
        final AtomicInteger claims = new AtomicInteger();
        final AtomicInteger transactions = new AtomicInteger();
        private final TestDatabase database;

        Windows() {
            this(database());
        }

        Windows(TestDatabase database) {
            this.database = database;
        }

        /** The entity manager a call runs on: a test overrides this to watch a node's transaction, or hold it open. */
        EntityManager watched(EntityManager em) {
            return em;
        }

        private <T> T call(Function<LoginWindows, T> work) {
            transactions.incrementAndGet();
            return database.inTransaction(em -> {
                LoginWindows windows = new LoginWindows();
                windows.em = watched(em);
                return work.apply(windows);
            });
        }

        @Override
        public Optional<Duration> claim(List<Limit> limits, Instant now, Duration window) {
            claims.incrementAndGet();
            return call(windows -> windows.claim(limits, now, window));
        }

        @Override
        public void release(List<String> keys) {
            call(windows -> {
                windows.release(keys);
                return null;
            });
        }

        @Override
        public void succeeded(String resetKey, String releaseKey, Instant now) {
            call(windows -> {
                windows.succeeded(resetKey, releaseKey, now);
                return null;
            });
        }

        @Override
        public int deleteEnded(Instant startedBy, int limit) {
            return call(windows -> windows.deleteEnded(startedBy, limit));
        }
    }

    /** Key to attempts, as the table holds them; a row at zero counts nothing and waits for the sweep. */
    private Map<String, Integer> rows() {
        return inTransaction(em -> em.createQuery("SELECT w FROM LoginWindow w", LoginWindow.class).getResultList())
                .stream().filter(row -> row.getAttempts() > 0)
                .collect(Collectors.toMap(LoginWindow::getKey, LoginWindow::getAttempts));
    }

    /** Every row, those at zero too. */
    private Map<String, Integer> allRows() {
        return inTransaction(em -> em.createQuery("SELECT w FROM LoginWindow w", LoginWindow.class).getResultList())
                .stream().collect(Collectors.toMap(LoginWindow::getKey, LoginWindow::getAttempts));
    }

    private Instant windowStart(String key) {
        return inTransaction(em -> em.find(LoginWindow.class, key)).getWindowStart();
    }

    private static String user(String name) {
        return LoginThrottle.userKey(name);
    }

    private static String address(String address) {
        return LoginThrottle.addressKey(address);
    }

    @Test
    void locksAUsernameAfterTheLimitUntilTheWindowPasses() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), throttle.tryAttempt("alice", "192.0.2.1"));
        }
        at(T0.plus(Duration.ofMinutes(5)));
        assertEquals(Optional.of(Duration.ofMinutes(10)), throttle.tryAttempt("alice", "192.0.2.9"),
                "from any address, until the window that began with the first failure is over");
        assertEquals(Optional.empty(), throttle.tryAttempt("bob", "192.0.2.9"));
        assertEquals(Map.of(user("alice"), 3, address("192.0.2.1"), 3, user("bob"), 1, address("192.0.2.9"), 1),
                rows(), "the refused attempt is counted nowhere");

        at(T0.plus(Duration.ofMinutes(15)));
        assertEquals(Optional.empty(), throttle.tryAttempt("alice", "192.0.2.1"));
        assertEquals(1, rows().get(user("alice")), "a new window");
        assertEquals(T0.plus(Duration.ofMinutes(15)), windowStart(user("alice")));
    }

    @Test
    void spellingsOfOneUsernameShareACount() {
        for (String spelling : List.of("alice", " ALICE", "\uff41\uff4c\uff49\uff43\uff45")) {
            assertEquals(Optional.empty(), throttle.tryAttempt(spelling, "192.0.2.1"), spelling);
        }
        assertTrue(throttle.tryAttempt("Alice ", "192.0.2.1").isPresent(), "case, spaces and full width folded");
        assertEquals(Map.of(user("alice"), 3, address("192.0.2.1"), 3), rows());
    }

    @Test
    void keysAreOfFixedLengthAndHoldNoUsernameOrAddress() {
        String longName = "alice".repeat(1000);
        throttle.tryAttempt(longName, "2001:db8:85a3:0:0:8a2e:370:7334");

        for (String key : rows().keySet()) {
            assertEquals(46, key.length(), key);
            assertFalse(key.contains("alice") || key.contains("2001"), key);
        }
    }

    @Test
    void aSuccessResetsTheUsernamesCount() {
        throttle.tryAttempt("alice", "192.0.2.1");
        throttle.tryAttempt("alice", "192.0.2.1");
        throttle.tryAttempt("alice", "192.0.2.1");
        throttle.succeeded("alice", "192.0.2.1");
        assertEquals(Map.of(address("192.0.2.1"), 2), rows(),
                "the successful attempt no longer counts for the address");
        throttle.tryAttempt("alice", "192.0.2.1");
        throttle.tryAttempt("alice", "192.0.2.1");

        assertEquals(Optional.empty(), throttle.tryAttempt("alice", "192.0.2.1"));
    }

    @Test
    void aSuccessLeavesItsRowsAtZeroAndTheNextWindowStartsWithTheNextAttempt() {
        throttle.tryAttempt("alice", "192.0.2.1");
        throttle.succeeded("alice", "192.0.2.1");
        // Deleting them instead raced with the next attempts' inserts of the same keys (a 500 for the loser).
        assertEquals(Map.of(user("alice"), 0, address("192.0.2.1"), 0), allRows(), "kept for the sweep, at zero");

        at(T0.plus(Duration.ofMinutes(10)));
        assertEquals(Optional.empty(), throttle.tryAttempt("alice", "192.0.2.1"));
        assertEquals(T0.plus(Duration.ofMinutes(10)), windowStart(user("alice")));
        assertEquals(T0.plus(Duration.ofMinutes(10)), windowStart(address("192.0.2.1")));
    }

    @Test
    void aLoginCostsTheThrottleTwoShortTransactions() {
        Windows windows = new Windows();
        LoginThrottle node = node(windows);
        node.clock = throttle.clock;
        node.tryAttempt("alice", "192.0.2.1");
        node.succeeded("alice", "192.0.2.1");
        windows.transactions.set(0);

        assertEquals(Optional.empty(), node.tryAttempt("alice", "192.0.2.1"));
        node.succeeded("alice", "192.0.2.1");

        assertEquals(2, windows.transactions.get(), "one to count both keys, one to clear them");
        assertEquals(Map.of(), rows(), "nothing counts after the success");
        assertEquals(Optional.empty(), node.tryAttempt("bob", "192.0.2.1"));
        node.unanswered("bob", "192.0.2.1");
        assertEquals(4, windows.transactions.get(), "and an unanswered attempt is two as well");
        assertEquals(Map.of(), rows());
    }

    @Test
    void oneAddressMayFailTenTimesAsOften() {
        for (int i = 0; i < 30; i++) {
            assertEquals(Optional.empty(), throttle.tryAttempt("user" + i, "192.0.2.1"));
        }
        assertTrue(throttle.tryAttempt("someone", "192.0.2.1").isPresent(), "the address is locked for every user");
        assertFalse(rows().containsKey(user("someone")), "the refused attempt is taken back from the username");
        assertEquals(Optional.empty(), throttle.tryAttempt("someone", "192.0.2.2"));
        assertEquals(1, rows().get(user("someone")));
        assertEquals(30, rows().get(address("192.0.2.1")));
    }

    @Test
    void parallelGuessesGetNoMoreThanTheLimit() throws Exception {
        assertEquals(3, guessInParallel(List.of(throttle)));
        assertEquals(3, rows().get(user("alice")));
    }

    @Test
    void nodesSharingTheDatabaseShareTheCount() {
        LoginThrottle other = node(new Windows());
        other.clock = throttle.clock;

        assertEquals(Optional.empty(), throttle.tryAttempt("alice", "192.0.2.1"));
        assertEquals(Optional.empty(), other.tryAttempt("alice", "192.0.2.2"));
        assertEquals(Optional.empty(), throttle.tryAttempt("alice", "192.0.2.3"));

        assertEquals(Optional.of(Duration.ofMinutes(15)), other.tryAttempt("alice", "192.0.2.4"));
        assertEquals(Optional.of(Duration.ofMinutes(15)), throttle.tryAttempt("alice", "192.0.2.4"));
        other.succeeded("alice", "192.0.2.2");
        assertEquals(Optional.empty(), throttle.tryAttempt("alice", "192.0.2.1"),
                "a success on one node counts on all");
    }

    @Test
    void parallelGuessesSpreadOverNodesGetNoMoreThanTheLimit() throws Exception {
        LoginThrottle other = node(new Windows());
        other.clock = throttle.clock;

        assertEquals(3, guessInParallel(List.of(throttle, other)));
        assertEquals(3, rows().get(user("alice")));
    }

    @Test
    void aNodeThatLosesTheRaceToInsertAKeysFirstRowCountsInTheWinnersRow() throws Exception {
        CountDownLatch loserInserts = new CountDownLatch(1);
        CountDownLatch winnerInserted = new CountDownLatch(1);
        // The winner inserts the first row and holds its transaction open until the loser has looked and found none.
        LoginThrottle winner = node(new Windows() {
            @Override
            EntityManager watched(EntityManager em) {
                AtomicInteger flushes = new AtomicInteger();
                // Its address's row is inserted first, then the username's: new rows go in in the order of their keys.
                return intercepted(em, "flush", () -> {
                    if (flushes.incrementAndGet() == 2) {
                        winnerInserted.countDown();
                        await(loserInserts);
                    }
                });
            }
        });
        Windows loserWindows = new Windows() {
            @Override
            EntityManager watched(EntityManager em) {
                return intercepted(em, "persist", () -> loserInserts.countDown());
            }
        };
        LoginThrottle loser = node(loserWindows);
        winner.clock = throttle.clock;
        loser.clock = throttle.clock;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Optional<Duration>> first = pool.submit(() -> winner.tryAttempt("alice", "192.0.2.1"));
            await(winnerInserted);

            assertEquals(Optional.empty(), loser.tryAttempt("alice", "192.0.2.2"));
            assertEquals(Optional.empty(), first.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, loserWindows.claims.get(), "the claim twice: it lost the race, then counted in the row");
        assertEquals(Map.of(user("alice"), 2, address("192.0.2.1"), 1, address("192.0.2.2"), 1), rows(),
                "each address counted once, in the one row of its own");
    }

    @Test
    void sweepsOfEndedRowsWhileOtherNodesCountInThoseRowsLoseNoCountAndFailNoLogin() throws Exception {
        // Twelve usernames behind three addresses, whose windows have ended when the logins below count in them again:
        // eight nodes sweep (two rows a batch) and lock and delete ended rows while their claims, successes and
        // releases lock, begin anew and change the very same rows. A sweep must delete only a window still ended
        // under its lock: one that deleted a row just begun anew would lose the counts checked at the end.
        // A node per thread: the pool hands the first eight logins to eight new threads, one per node, and a thread
        // takes a queued login only after its first has committed a claim. So until the first claim commits, only
        // first logins run, each its node's first, which sweeps before it claims: the first sweep to commit finds its
        // rows still ended. With four nodes, two threads shared a node, one claimed while the other swept, and a run
        // could begin every candidate anew first.
        for (int i = 0; i < 12; i++) {
            throttle.tryAttempt("user" + i, "192.0.2." + i % 3);
        }
        Clock later = Clock.fixed(T0.plus(Duration.ofMinutes(15)).plus(throttle.settings.clockSkew()),
                ZoneOffset.UTC);
        AtomicInteger deleted = new AtomicInteger();
        AtomicInteger sweepsFailed = new AtomicInteger();
        List<LoginThrottle> nodes = new ArrayList<>();
        int threads = 8;
        for (int n = 0; n < threads; n++) {
            LoginThrottle node = node(new Windows() {
                @Override
                public int deleteEnded(Instant startedBy, int limit) {
                    try {
                        int rows = super.deleteEnded(startedBy, limit);
                        deleted.addAndGet(rows);
                        return rows;
                    } catch (RuntimeException e) {
                        // The throttle logs and forgets a failed sweep; the test must not.
                        sweepsFailed.incrementAndGet();
                        throw e;
                    }
                }
            });
            node.clock = later;
            node.sweepBatch = 2;
            nodes.add(node);
        }
        // user3, user7 and user11 (one behind each address) fail every attempt: their counts stay. The others
        // succeed (even numbers) or go unanswered (odd), so their attempts are cleared or taken back.
        Set<Integer> failing = Set.of(3, 7, 11);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Boolean>> logins = new ArrayList<>();
            for (int i = 0; i < 96; i++) {
                LoginThrottle node = nodes.get(i % nodes.size());
                int user = i % 12;
                String username = "user" + user;
                String address = "192.0.2." + user % 3;
                logins.add(() -> {
                    boolean admitted = node.tryAttempt(username, address).isEmpty();
                    if (admitted && failing.contains(user)) {
                        return true;
                    } else if (admitted && user % 2 == 0) {
                        node.succeeded(username, address);
                    } else if (admitted) {
                        node.unanswered(username, address);
                    }
                    return admitted;
                });
            }
            for (Future<Boolean> login : pool.invokeAll(logins)) {
                // get() throws what a login threw: a deadlock's or a lock timeout's victim.
                login.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, sweepsFailed.get(), "no sweep was a deadlock's or a lock timeout's victim");
        assertTrue(deleted.get() > 0, "the sweeps deleted ended rows");
        assertEquals(Map.of(user("user3"), 3, user("user7"), 3, user("user11"), 3, address("192.0.2.0"), 3,
                address("192.0.2.1"), 3, address("192.0.2.2"), 3), rows(),
                "each failing user counted up to the limit, and each address its user's failures, none lost");
        long ended = inTransaction(em -> em.createQuery(
                "SELECT COUNT(w) FROM LoginWindow w WHERE w.windowStart <= :t0", Long.class)
                .setParameter("t0", T0.toEpochMilli()).getSingleResult());
        assertEquals(0, ended, "each ended window was swept or begun anew");
    }

    @Test
    void windowsThatEndedAreSweptOncePerWindow() {
        throttle.tryAttempt("alice", "192.0.2.1");
        throttle.tryAttempt("bob", "192.0.2.1");
        at(T0.plus(Duration.ofMinutes(14)));
        throttle.tryAttempt("carol", "192.0.2.2");
        at(T0.plus(Duration.ofMinutes(15)));
        throttle.tryAttempt("dave", "192.0.2.3");
        assertEquals(7, rows().size(),
                "a window is swept only once it has ended by every node's clock: the clock skew later");

        at(T0.plus(Duration.ofMinutes(29)));
        throttle.tryAttempt("erin", "192.0.2.3");
        assertTrue(rows().containsKey(user("alice")),
                "not swept again before a window has passed since the last sweep");

        at(T0.plus(Duration.ofMinutes(30)));
        throttle.tryAttempt("frank", "192.0.2.3");
        assertEquals(Map.of(user("dave"), 1, user("erin"), 1, user("frank"), 1, address("192.0.2.3"), 1), rows(),
                "only the windows that ended a clock skew ago are gone");
    }

    @Test
    void aSweepThatFindsAFullBatchGoesOnAtTheNextAttempt() {
        throttle.sweepBatch = 2;
        for (int i = 0; i < 5; i++) {
            throttle.tryAttempt("user" + i, "192.0.2.1");
        }
        at(T0.plus(Duration.ofMinutes(15)).plus(throttle.settings.clockSkew()));
        List<Long> ended = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            throttle.tryAttempt("late" + i, "192.0.2.2");
            ended.add(inTransaction(em -> em.createQuery(
                    "SELECT COUNT(w) FROM LoginWindow w WHERE w.windowStart <= :t0", Long.class)
                    .setParameter("t0", T0.toEpochMilli()).getSingleResult()));
        }

        assertEquals(List.of(4L, 2L, 0L, 0L), ended, "six ended windows, two at a time");
        assertEquals(5, rows().size(), "four late users and their address");
    }

    @Test
    void parallelLoginsOfOneUserBehindOneAddressNeverFail() throws Exception {
        // Many people behind one corporate proxy signing in at nine, and one person's tabs: each success resets the
        // username's count and takes back the address's, while the next attempts claim in the same rows.
        LoginThrottle other = node(new Windows());
        other.clock = throttle.clock;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Boolean>> logins = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                LoginThrottle node = i % 2 == 0 ? throttle : other;
                String username = i % 4 < 2 ? "alice" : "user" + i;
                logins.add(() -> {
                    boolean admitted = node.tryAttempt(username, "192.0.2.1").isEmpty();
                    if (admitted) {
                        node.succeeded(username, "192.0.2.1");
                    }
                    return admitted;
                });
            }
            int admitted = 0;
            int aliceAdmitted = 0;
            List<Future<Boolean>> answers = pool.invokeAll(logins);
            for (int i = 0; i < answers.size(); i++) {
                // get() throws what a login threw: before the fix, the loser of a second insert race.
                boolean in = answers.get(i).get();
                admitted += in ? 1 : 0;
                aliceAdmitted += in && i % 4 < 2 ? 1 : 0;
            }
            assertEquals(200, admitted - aliceAdmitted, "every other user, at most 16 at once for one address");
            assertTrue(aliceAdmitted > 0, "alice, beyond her limit only while more than 3 of hers are in flight");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Map.of(), rows(), "every success took its attempts back");
    }

    private static int guessInParallel(List<LoginThrottle> nodes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Boolean>> guesses = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                LoginThrottle node = nodes.get(i % nodes.size());
                guesses.add(() -> node.tryAttempt("alice", "192.0.2.1").isEmpty());
            }
            int allowed = 0;
            for (Future<Boolean> guess : pool.invokeAll(guesses)) {
                allowed += guess.get() ? 1 : 0;
            }
            return allowed;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The entity manager, running the given action after each call of the named method. */
    private static EntityManager intercepted(EntityManager em, String method, Runnable after) {
        return (EntityManager) Proxy.newProxyInstance(EntityManager.class.getClassLoader(),
                new Class<?>[] {EntityManager.class}, (proxy, called, args) -> {
                    Object result;
                    try {
                        result = called.invoke(em, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (called.getName().equals(method)) {
                        after.run();
                    }
                    return result;
                });
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "the other node did not get there");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
