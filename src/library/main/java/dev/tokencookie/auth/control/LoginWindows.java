package dev.tokencookie.auth.control;

import dev.tokencookie.auth.entity.LoginWindow;
import dev.tokencookie.shared.control.UncheckedCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps the login throttle's windows in the shared database. Each call is a transaction of its own, so that row locks
 * are held for one count only, never for the password check or the login after it. A call that locks several rows
 * locks them in the order of their keys, as the sweep does, so that no two of these transactions deadlock.
 */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
@UncheckedCommit
public class LoginWindows {

    /** A key, and how many attempts its window may hold. */
    public record Limit(String key, int max) {
    }

    /** The package of EclipseLink's own query classes. */
    private static final String ECLIPSELINK = "org.eclipse.persistence.";

    @PersistenceContext
    EntityManager em;

    /**
     * Counts an attempt against every key, or against none when one of their windows already holds its limit.
     *
     * @return how long until the first full window ends, the limits taken in the order given (then nothing is
     *         counted); empty when counted
     * @throws jakarta.persistence.PersistenceException with a constraint violation as its cause when another node has
     *         inserted a key's first row meanwhile: the caller may claim again
     */
    public Optional<Duration> claim(List<Limit> limits, Instant now, Duration window) {
        Map<String, LoginWindow> rows = locked(limits.stream().map(Limit::key).toList());
        for (Limit limit : limits) {
            LoginWindow row = rows.get(limit.key());
            // A row at zero, or whose window has ended, counts nothing: its window starts with this attempt.
            if (row != null && row.getAttempts() >= limit.max() && now.isBefore(end(row, window))) {
                return Optional.of(Duration.between(now, end(row, window)));
            }
        }
        for (Limit limit : limits.stream().sorted(Comparator.comparing(Limit::key)).toList()) {
            LoginWindow row = rows.get(limit.key());
            if (row == null) {
                // Inserted one by one in key order: two transactions that insert the same keys then wait for each
                // other in one order and never deadlock, where the provider's own order of inserts may differ.
                em.persist(new LoginWindow(limit.key(), now));
                em.flush();
            } else if (!now.isBefore(end(row, window)) || row.getAttempts() == 0) {
                row.restart(now);
            } else {
                row.count();
            }
        }
        // Written here, not at commit: a lost database or a lost insert race then fails this method, recognisably.
        em.flush();
        return Optional.empty();
    }

    /**
     * Takes back an attempt from each key that was counted but is not to count after all. A row at zero stays until
     * the sweep: were it deleted, the next attempts for the key (people behind one proxy, one person's tabs) would race
     * to insert it again, and the losers of a second race would fail.
     */
    public void release(List<String> keys) {
        update(keys, (key, row) -> uncount(row));
    }

    /** A success: the first key's count starts again at zero, in a window from now; the second's takes it back. */
    public void succeeded(String resetKey, String releaseKey, Instant now) {
        update(List.of(resetKey, releaseKey), (key, row) -> {
            if (key.equals(resetKey)) {
                row.clear(now);
            } else {
                uncount(row);
            }
        });
    }

    /**
     * Deletes up to {@code limit} windows that started by the given instant, so that the table holds only live ones.
     *
     * @return how many were deleted
     */
    public int deleteEnded(Instant startedBy, int limit) {
        List<String> ended = em.createNamedQuery(LoginWindow.ENDED, String.class)
                .setParameter("startedBy", startedBy.toEpochMilli())
                .setMaxResults(limit)
                .getResultList();
        if (ended.isEmpty()) {
            return 0;
        }
        // Locked before the delete, in key order as every other call locks its rows.
        locked(ended);
        return em.createNamedQuery(LoginWindow.DELETE_ENDED)
                .setParameter("keys", ended)
                .setParameter("startedBy", startedBy.toEpochMilli())
                .executeUpdate();
    }

    /** Changes the keys' rows; a key without a row is left without one. */
    private void update(List<String> keys, BiConsumer<String, LoginWindow> change) {
        locked(keys).forEach(change);
        em.flush();
    }

    private static void uncount(LoginWindow row) {
        if (row.getAttempts() > 0) {
            row.uncount();
        }
    }

    private static Instant end(LoginWindow row, Duration window) {
        return row.getWindowStart().plus(window);
    }

    /**
     * The keys' rows, locked until the transaction ends in the order of their keys, so that two nodes counting for one
     * key take turns; a key without a row is missing from the map.
     */
    private Map<String, LoginWindow> locked(List<String> keys) {
        TypedQuery<LoginWindow> query = em.createNamedQuery(LoginWindow.BY_KEYS, LoginWindow.class);
        // EclipseLink locks by the hint in the named query, and prepares the query once; it would prepare it again on
        // every call with JPA's lock mode set. Every other provider ignores that hint and locks by JPA's lock mode, as
        // does EclipseLink behind a server's wrapper: a query that is not known to lock by its hint is given both.
        if (!query.getClass().getName().startsWith(ECLIPSELINK)) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.setParameter("keys", keys)
                .getResultList()
                .stream()
                .collect(Collectors.toMap(LoginWindow::getKey, Function.identity()));
    }
}
