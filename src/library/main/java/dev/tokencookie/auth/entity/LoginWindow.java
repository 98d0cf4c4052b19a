package dev.tokencookie.auth.entity;

import dev.tokencookie.shared.control.QueryTimeout;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The failed logins counted against one username or one client address, kept in the shared database so that every
 * node counts against the same limit.
 */
@Entity
// Also when a team's own unit caches entities: a cached row could let a consumed or revoked token pass.
@Cacheable(false)
@Table(name = "AUTH_LOGIN_WINDOW", indexes = @Index(name = "AUTH_LOGIN_WINDOW_START", columnList = "WINDOW_START"))
// Locked (SELECT ... FOR UPDATE), in key order: every transaction of the throttle that locks several rows locks them in
// this one order. EclipseLink locks by its hint here; any other provider by JPA's lock mode, which LoginWindows.locked
// sets: EclipseLink would copy and prepare again, on every call, a query with a JPA lock mode (12 % of a login's time
// in a profile). LoginDefencesIT shows the lock on every server.
@NamedQuery(name = LoginWindow.BY_KEYS, query = "SELECT w FROM LoginWindow w WHERE w.throttleKey IN :keys"
        + " ORDER BY w.throttleKey", hints = {
            @QueryHint(name = QueryTimeout.HINT, value = QueryTimeout.VALUE),
            @QueryHint(name = LoginWindow.ECLIPSELINK_LOCK, value = "Lock")})
@NamedQuery(name = LoginWindow.ENDED, query = "SELECT w.throttleKey FROM LoginWindow w"
        + " WHERE w.windowStart <= :startedBy",
        hints = @QueryHint(name = QueryTimeout.HINT, value = QueryTimeout.VALUE))
// Checks the end again: a claim may have started a new window in the row since it was selected.
@NamedQuery(name = LoginWindow.DELETE_ENDED, query = "DELETE FROM LoginWindow w WHERE w.throttleKey IN :keys"
        + " AND w.windowStart <= :startedBy",
        hints = @QueryHint(name = QueryTimeout.HINT, value = QueryTimeout.VALUE))
public class LoginWindow {

    public static final String BY_KEYS = "LoginWindow.byKeys";
    public static final String ENDED = "LoginWindow.ended";
    public static final String DELETE_ENDED = "LoginWindow.deleteEnded";
    /** EclipseLink's pessimistic lock hint, which other providers ignore. */
    public static final String ECLIPSELINK_LOCK = "eclipselink.pessimistic-lock";

    /** "u:" or "a:" and the SHA-256 of the username or address: fixed length, and no username or address stored. */
    @Id
    @Column(name = "THROTTLE_KEY", length = 64)
    private String throttleKey;

    /** The window's first counted attempt, epoch milliseconds; of a row at zero, when it was cleared. */
    @Column(name = "WINDOW_START", nullable = false)
    private long windowStart;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    protected LoginWindow() {
        // for JPA
    }

    public LoginWindow(String key, Instant start) {
        this.throttleKey = key;
        this.windowStart = start.toEpochMilli();
        this.attempts = 1;
    }

    public String getKey() {
        return throttleKey;
    }

    public Instant getWindowStart() {
        return Instant.ofEpochMilli(windowStart);
    }

    public int getAttempts() {
        return attempts;
    }

    public void restart(Instant start) {
        windowStart = start.toEpochMilli();
        attempts = 1;
    }

    /**
     * A success: the count starts again at zero, in a window from now. The row stays: a delete would race with the
     * next attempt's insert of the same key.
     */
    public void clear(Instant now) {
        windowStart = now.toEpochMilli();
        attempts = 0;
    }

    public void count() {
        attempts++;
    }

    public void uncount() {
        attempts--;
    }
}
