package dev.tokencookie.auth.control;

import dev.tokencookie.auth.entity.LoginWindow;
import dev.tokencookie.shared.control.QueryTimeout;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the login throttle's windows in the shared database. Each call is a transaction of its own, so that a row lock
 * is held for one count only, never for the password check or the login after it.
 */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
public class LoginWindows {

    @PersistenceContext
    EntityManager em;

    /**
     * Counts an attempt against the key, unless its window already holds the limit.
     *
     * @return how long until the window ends, when it is full (then nothing is counted); empty when counted
     * @throws jakarta.persistence.PersistenceException with a constraint violation as its cause when another node has
     *         inserted the key's first row meanwhile: the caller may claim again
     */
    public Optional<Duration> claim(String key, int limit, Instant now, Duration window) {
        Optional<LoginWindow> found = locked(key);
        if (found.isEmpty()) {
            em.persist(new LoginWindow(key, now));
        } else {
            LoginWindow row = found.get();
            Instant end = row.getWindowStart().plus(window);
            // A row at zero counts nothing: its window starts with this attempt, as a new row's would.
            if (!now.isBefore(end) || row.getAttempts() == 0) {
                row.restart(now);
            } else if (row.getAttempts() >= limit) {
                return Optional.of(Duration.between(now, end));
            } else {
                row.count();
            }
        }
        // Written here, not at commit: a lost database or a lost insert race then fails this method, recognisably.
        em.flush();
        return Optional.empty();
    }

    /**
     * Takes back an attempt that was counted but is not to count after all. A row at zero stays until the sweep: were
     * it deleted, the next attempts for the key (people behind one proxy, one person's tabs) would race to insert it
     * again, and the losers of a second race would fail.
     */
    public void release(String key) {
        locked(key).filter(row -> row.getAttempts() > 0).ifPresent(row -> {
            row.uncount();
            em.flush();
        });
    }

    /** Forgets the key's count: it starts again at zero, in a window from now. */
    public void reset(String key, Instant now) {
        em.createNamedQuery(LoginWindow.CLEAR).setParameter("key", key).setParameter("now", now.toEpochMilli())
                .setHint(QueryTimeout.HINT, QueryTimeout.MILLIS).executeUpdate();
    }

    /**
     * Deletes up to {@code limit} windows that started by the given instant, so that the table holds only live ones.
     *
     * @return how many were deleted
     */
    public int deleteEnded(Instant startedBy, int limit) {
        List<String> ended = em.createNamedQuery(LoginWindow.ENDED, String.class)
                .setParameter("startedBy", startedBy.toEpochMilli())
                .setHint(QueryTimeout.HINT, QueryTimeout.MILLIS)
                .setMaxResults(limit)
                .getResultList();
        if (ended.isEmpty()) {
            return 0;
        }
        return em.createNamedQuery(LoginWindow.DELETE_ENDED)
                .setParameter("keys", ended)
                .setParameter("startedBy", startedBy.toEpochMilli())
                .setHint(QueryTimeout.HINT, QueryTimeout.MILLIS)
                .executeUpdate();
    }

    /** The row locked until the transaction ends, so that two nodes counting for one key take turns. */
    private Optional<LoginWindow> locked(String key) {
        return em.createNamedQuery(LoginWindow.BY_KEY, LoginWindow.class)
                .setParameter("key", key)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint(QueryTimeout.HINT, QueryTimeout.MILLIS)
                .getResultList()
                .stream()
                .findFirst();
    }
}
