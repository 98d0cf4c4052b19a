package dev.tokencookie.refreshtoken.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.refreshtoken.control.RefreshTokenRejectedException.Reason;
import dev.tokencookie.refreshtoken.entity.RefreshSeal;
import dev.tokencookie.refreshtoken.entity.RefreshSession;
import dev.tokencookie.refreshtoken.entity.RefreshToken;
import dev.tokencookie.refreshtoken.entity.RefreshTokenState;
import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.TestSettings;
import dev.tokencookie.shared.control.DatabaseFailures;
import dev.tokencookie.shared.control.QueryTimeout;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.InvocationHandler;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The refresh-token life cycle on the real JPA store (EclipseLink), each call in its own transaction as the container
 * runs it; subclasses supply the database.
 */
abstract class RefreshTokenLifecycleContract {

    static final Instant LOGIN = Instant.parse("2026-01-01T10:00:00Z");
    static final AuthSettings SETTINGS = TestSettings.with("auth.refresh-token.ttl", "P14D",
            "auth.refresh-token.idle-ttl", "P1D", "auth.refresh-token.reuse-leeway", "PT10S");
    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Test";

    /** Stands for the database's clock, which measures the leeway; null: the database's own. */
    private Clock databaseClock;
    private EntityManager em;
    private RefreshTokens tokens;
    private Sessions sessions;
    private final RecordingEvent<SessionsRevoked> revocations = new RecordingEvent<>();
    abstract EntityManagerFactory factory();

    @BeforeEach
    void setUp() {
        em = factory().createEntityManager();
        tokens = refreshTokens(em);
        tokens.revoked = revocations;
        sessions = new Sessions();
        sessions.store = tokens.store;
        sessions.settings = SETTINGS;
        sessions.revoked = revocations;
        at(LOGIN);
    }

    private RefreshTokens refreshTokens(EntityManager em) {
        JpaRefreshTokenStore store = new JpaRefreshTokenStore();
        store.em = em;
        store.databaseClock = databaseClock;
        RefreshTokens tokens = new RefreshTokens();
        tokens.store = store;
        tokens.settings = SETTINGS;
        tokens.revoked = new RecordingEvent<>();
        return tokens;
    }

    @AfterEach
    void tearDown() throws Exception {
        inTransaction(em, () -> {
            em.createQuery("DELETE FROM RefreshSeal").executeUpdate();
            em.createQuery("DELETE FROM RefreshToken").executeUpdate();
            return em.createQuery("DELETE FROM RefreshSession").executeUpdate();
        });
        em.close();
    }

    @Test
    void loginStartsASessionAndStoresOnlyTheTokensHash() throws Exception {
        IssuedRefreshToken issued = login("alice");

        RefreshSession session = sessions().get(0);
        assertEquals("alice", session.getUsername());
        assertEquals(Set.of("user", "admin"), session.getGroups());
        assertEquals(BROWSER, session.getUserAgent());
        assertEquals(LOGIN.plus(Duration.ofDays(14)), session.getExpiresAt());
        RefreshToken row = tokenRows().get(0);
        assertEquals(43, issued.value().length(), "256 bits in unpadded base64url");
        assertEquals(OpaqueTokens.hash(issued.value()), row.getTokenHash());
        assertTrue(seal(issued).isEmpty());
        assertEquals(session.getId(), issued.sessionId());
        assertEquals(Duration.ofDays(1), issued.remainingLife(), "the cookie lives as long as the idle time");
    }

    @Test
    void aBoundLoginRefreshesOnlyWithItsKeyAndIsRevokedWhenTheCookieComesWithoutIt() throws Exception {
        IssuedRefreshToken first = inTransaction(em, () -> tokens.startSession("dana", Set.of("user"), BROWSER,
                Optional.of("key-a")));
        assertEquals(Optional.of("key-a"), sessions().get(0).getBoundKey(), "the thumbprint is stored with the login");
        IssuedRefreshToken second = inTransaction(em, () -> tokens.rotate(first.value(), "192.0.2.7",
                Optional.of("key-a")));
        assertEquals(Optional.of("key-a"), second.boundKey(), "its access tokens are bound too");

        RefreshTokenRejectedException withoutKey = assertThrows(RefreshTokenRejectedException.class,
                () -> inTransaction(em, () -> tokens.rotate(second.value(), "192.0.2.66", Optional.of("key-b"))));
        assertEquals(Reason.WRONG_KEY, withoutKey.reason());
        assertEquals("192.0.2.66", withoutKey.reuse().orElseThrow().clientAddress(), "the alarm names who tried");
        assertTrue(sessions().get(0).isRevoked(), "the cookie was copied: the login ends");
        assertEquals(Reason.REVOKED, assertThrows(RefreshTokenRejectedException.class, () -> inTransaction(em,
                () -> tokens.rotate(second.value(), "192.0.2.7", Optional.of("key-a")))).reason(),
                "the browser that holds the key must log in again");

        IssuedRefreshToken other = inTransaction(em, () -> tokens.startSession("dana", Set.of("user"), BROWSER,
                Optional.of("key-a")));
        assertEquals(Reason.WRONG_KEY, assertThrows(RefreshTokenRejectedException.class, () -> inTransaction(em,
                () -> tokens.rotate(other.value(), "192.0.2.66", Optional.empty()))).reason(), "no proof at all");
    }

    @Test
    void aBearerLoginIsRefusedOnceEveryLoginMustBeBound() throws Exception {
        IssuedRefreshToken current = rotate(login("erin"));
        assertEquals(Optional.empty(), current.boundKey());
        tokens.settings = TestSettings.with("auth.dpop", "required");
        assertEquals(Reason.UNBOUND, assertThrows(RefreshTokenRejectedException.class, () -> inTransaction(em,
                () -> tokens.rotate(current.value(), "192.0.2.7", Optional.of("key-a")))).reason());
        assertFalse(sessions().get(0).isRevoked(), "no theft: the user logs in again");
    }

    @Test
    void rotationConsumesTheTokenForASuccessorInTheSameSession() throws Exception {
        IssuedRefreshToken first = login("bob");
        at(LOGIN.plus(Duration.ofHours(3)));

        IssuedRefreshToken second = rotate(first);

        assertNotEquals(first.value(), second.value());
        assertEquals(first.sessionId(), second.sessionId());
        assertEquals(Duration.ofDays(1), second.remainingLife(), "each use restarts the idle clock");
        RefreshToken consumed = row(first);
        assertEquals(RefreshTokenState.CONSUMED, consumed.getState());
        RefreshSeal seal = seal(first).orElseThrow();
        assertFalse(seal.getSealedSuccessor().contains(second.value()), "the successor is stored sealed");
        assertEquals(LOGIN.plus(Duration.ofHours(3)).plusSeconds(10), seal.getExpiresAt(), "for the leeway only");
        assertEquals(RefreshTokenState.ACTIVE, row(second).getState());
        assertEquals(LOGIN.plus(Duration.ofHours(3)), sessions().get(0).getLastUsedAt());
    }

    @Test
    void aRepeatWithinTheLeewayGetsTheSameSuccessor() throws Exception {
        IssuedRefreshToken first = login("bob");
        IssuedRefreshToken second = rotate(first);
        at(LOGIN.plusSeconds(9));

        IssuedRefreshToken again = rotate(first);

        assertEquals(second.value(), again.value());
        assertEquals(2, tokenRows().size(), "no new token: the session keeps one live head");
    }

    @Test
    void theLeewayIsMeasuredInMillisecondsNotWholeSeconds() throws Exception {
        IssuedRefreshToken first = login("bob");
        at(LOGIN.plusMillis(900));
        IssuedRefreshToken second = rotate(first);
        at(LOGIN.plusMillis(10_500));

        assertEquals(second.value(), rotate(first).value(), "9.6 s after the first use is within a 10 s leeway");
    }

    @Test
    void aSealedSuccessorIsErasedOnceTheLeewayIsOverWhetherOrNotTheSessionIsUsedAgain() throws Exception {
        IssuedRefreshToken first = login("bob");
        IssuedRefreshToken second = rotate(first);
        at(LOGIN.plusSeconds(4));
        rotate(second);

        at(LOGIN.plusSeconds(10).plus(RefreshTokens.SEAL_GRACE));
        assertEquals(0, inTransaction(em, () -> tokens.eraseEndedSeals()),
                "kept the grace longer, for a rotation already under way");
        at(LOGIN.plusSeconds(10).plus(RefreshTokens.SEAL_GRACE).plusMillis(1));
        assertEquals(1, inTransaction(em, () -> tokens.eraseEndedSeals()), "the session at rest, its seal erased");
        assertTrue(seal(first).isEmpty());
        assertTrue(seal(second).isPresent(), "consumed 4 s later, it has 4 s to go");
        at(LOGIN.plusSeconds(14).plus(RefreshTokens.SEAL_GRACE).plusMillis(1));
        assertEquals(1, inTransaction(em, () -> tokens.eraseEndedSeals()));
        assertEquals(0, inTransaction(em, () -> tokens.eraseEndedSeals()), "nothing left to erase");
        assertEquals(3, tokenRows().size(), "the tokens themselves stay, for reuse detection");
    }

    @Test
    void aSealNotYetSweptOpensNothingOnceItsLeewayIsOver() throws Exception {
        IssuedRefreshToken first = login("bob");
        rotate(first);
        at(LOGIN.plusSeconds(10).plusMillis(1));

        assertTrue(seal(first).isPresent(), "within the sweep's grace");
        assertEquals(Reason.REUSED, rejection(first));
    }

    @Test
    void theSealsEndIsTheOneDeadlineWhateverTheLeewayOfTheNodeThatReadsIt() throws Exception {
        IssuedRefreshToken first = login("bob");
        IssuedRefreshToken second = rotate(first);
        // Another node, configured with a shorter leeway, within the 10 s of the node that consumed the token.
        tokens.settings = TestSettings.with("auth.refresh-token.reuse-leeway", "PT2S");
        at(LOGIN.plusSeconds(5));
        assertEquals(second.value(), rotate(first).value());

        // And one with a longer leeway, after those 10 s.
        tokens.settings = TestSettings.with("auth.refresh-token.reuse-leeway", "PT30S");
        at(LOGIN.plusSeconds(20));
        assertEquals(Reason.REUSED, rejection(first));
    }

    @Test
    void withoutALeewayNoSuccessorIsSealed() throws Exception {
        tokens.settings = TestSettings.with("auth.refresh-token.reuse-leeway", "PT0S");
        IssuedRefreshToken first = login("bob");
        rotate(first);

        assertTrue(seal(first).isEmpty());
        assertEquals(Reason.REUSED, rejection(first), "every repeat is a reuse");
    }

    @Test
    void aRepeatWhoseChainMeetsAnErasedSealIsReuseNotAServerError() throws Exception {
        IssuedRefreshToken first = login("bob");
        IssuedRefreshToken second = rotate(first);
        at(LOGIN.plusSeconds(2));
        IssuedRefreshToken third = rotate(second);
        // The middle link's seal gone, as a sweep by a clock a little ahead, or a team's store, may leave it.
        inTransaction(em, () -> em.createQuery("DELETE FROM RefreshSeal s WHERE s.tokenId = :id")
                .setParameter("id", row(second).getId()).executeUpdate());
        at(LOGIN.plusSeconds(4));

        RefreshTokenRejectedException refused = assertThrows(RefreshTokenRejectedException.class, () -> rotate(first));
        assertEquals(Reason.REUSED, refused.reason());
        assertTrue(refused.reuse().isPresent(), "the alarm is raised as for any reuse");
        assertEquals(Reason.REVOKED, rejection(third), "and the session ends, as the rules say");
    }

    @Test
    void nodesWhoseClocksDifferMeasureTheLeewayByTheDatabasesClock() throws Exception {
        // Three nodes on one database: A's clock right, B's 15 s ahead, C's 25 s behind. The database's clock is real.
        databaseClock = null;
        AuthSettings oneSecond = TestSettings.with("auth.refresh-token.reuse-leeway", "PT1S");
        List<EntityManager> managers = new ArrayList<>();
        try {
            RefreshTokens a = node(managers, oneSecond, Duration.ZERO);
            RefreshTokens b = node(managers, oneSecond, Duration.ofSeconds(15));
            RefreshTokens c = node(managers, oneSecond, Duration.ofSeconds(-25));
            EntityManager aEm = managers.get(0);
            IssuedRefreshToken first = inTransaction(aEm, () -> a.startSession("kim", Set.of("user"), BROWSER));
            IssuedRefreshToken second = inTransaction(aEm, () -> a.rotate(first.value(), "192.0.2.7"));

            IssuedRefreshToken retried = inTransaction(managers.get(1), () -> b.rotate(first.value(), "192.0.2.7"));
            assertEquals(second.value(), retried.value(), "a balancer's retry on a node ahead is no theft");

            Thread.sleep(1500);
            RefreshTokenRejectedException replay = assertThrows(RefreshTokenRejectedException.class,
                    () -> inTransaction(managers.get(2), () -> c.rotate(first.value(), "192.0.2.66")));
            assertEquals(Reason.REUSED, replay.reason(), "a node behind does not hand a replay the live token");
            assertTrue(replay.reuse().isPresent());
        } finally {
            managers.forEach(EntityManager::close);
        }
    }

    @Test
    void theDatabaseClockIsTheDatabases() throws Exception {
        IssuedRefreshToken first = login("bob");
        JpaRefreshTokenStore store = (JpaRefreshTokenStore) tokens.store;
        store.databaseClock = null;

        Instant before = Instant.now();
        Instant read = inTransaction(em, () -> store.databaseTime(first.sessionId()));
        Instant after = Instant.now();
        assertTrue(!read.isBefore(before.minusSeconds(2)) && !read.isAfter(after.plusSeconds(2)),
                read + " is not between " + before + " and " + after);
    }

    @Test
    void theTimedReadOfATokenBringsItsSessionAndTheDatabasesClockInOneGo() throws Exception {
        IssuedRefreshToken first = login("bob");
        JpaRefreshTokenStore store = (JpaRefreshTokenStore) tokens.store;
        store.databaseClock = null;
        String hash = OpaqueTokens.hash(first.value());

        Instant before = Instant.now();
        TimedToken read = inTransaction(em, () -> store.findTimedToken(hash).orElseThrow());
        Instant after = Instant.now();
        assertTrue(!read.databaseTime().isBefore(before.minusSeconds(2))
                && !read.databaseTime().isAfter(after.plusSeconds(2)),
                read.databaseTime() + " is not between " + before + " and " + after);
        assertEquals(row(first).getId(), read.token().getId());
        assertEquals(RefreshTokenState.ACTIVE, read.token().getState());
        assertEquals(first.sessionId(), read.session().getId());
        assertEquals("bob", read.session().getUsername());
        assertTrue(inTransaction(em, () -> store.findTimedToken(OpaqueTokens.hash(OpaqueTokens.newToken())))
                .isEmpty(), "an unknown token");

        // A team's own store that does not override it gets the same through the methods it does implement.
        RefreshTokenStore own = withDefaultsOnly(store);
        TimedToken composed = inTransaction(em, () -> own.findTimedToken(hash).orElseThrow());
        assertEquals(read.token().getId(), composed.token().getId());
        assertEquals(read.session().getId(), composed.session().getId());
        assertTrue(Duration.between(read.databaseTime(), composed.databaseTime()).abs().compareTo(Duration
                .ofSeconds(5)) < 0, composed.databaseTime() + " against " + read.databaseTime());
    }

    @Test
    void aSessionRevokedBetweenTheReadAndTheLockIsNotRotated() throws Exception {
        IssuedRefreshToken first = login("bob");
        RefreshTokenStore real = tokens.store;
        EntityManager other = factory().createEntityManager();
        try {
            JpaRefreshTokenStore otherNode = new JpaRefreshTokenStore();
            otherNode.em = other;
            // The session as read is alive; another node's revocation commits before this rotation's touch.
            tokens.store = afterTimedRead(real, () -> inTransaction(other,
                    () -> otherNode.revokeSession(first.sessionId(), LOGIN.plusSeconds(1))));

            assertEquals(Reason.REVOKED, rejection(first));
        } finally {
            tokens.store = real;
            other.close();
        }
        assertEquals(RefreshTokenState.ACTIVE, row(first).getState(), "nothing consumed");
        assertEquals(1, tokenRows().size(), "no successor");
        assertEquals(List.of(), revocations.fired, "a revoked session, not a theft");
    }

    /**
     * Found on a re-read: the sweep kept a seal 2 s past its end, while a rotation that read within the leeway may wait
     * up to the query timeout (5 s) for the session's lock before it reads the seal. Swept meanwhile, the repeat was
     * taken for theft and the session ended.
     */
    @Test
    void aRepeatThatWaitedTheWholeQueryTimeoutForTheLockStillFindsItsSeal() throws Exception {
        IssuedRefreshToken first = login("bob");
        IssuedRefreshToken second = rotate(first);
        Instant sealEnd = LOGIN.plusSeconds(10);
        at(sealEnd);
        RefreshTokenStore real = tokens.store;
        EntityManager other = factory().createEntityManager();
        try {
            RefreshTokens sweeper = refreshTokens(other);
            // Another node's sweep, by the database's clock once the repeat has waited out the bound for its lock.
            ((JpaRefreshTokenStore) sweeper.store).databaseClock = Clock.fixed(sealEnd.plus(QueryTimeout.BOUND)
                    .plusMillis(500), ZoneOffset.UTC);
            tokens.store = afterTimedRead(real, () -> inTransaction(other, sweeper::eraseEndedSeals));

            assertEquals(second.value(), rotate(first).value(), "a repeat read within the leeway, not a theft");
        } finally {
            tokens.store = real;
            other.close();
        }
        assertEquals(List.of(), revocations.fired);
        assertTrue(seal(first).isPresent(), "kept past that sweep");
        assertNotEquals(second.value(), rotate(second).value(), "the session lives on");
    }

    /** The store, running {@code meanwhile} right after each timed read, as another transaction would commit then. */
    private static RefreshTokenStore afterTimedRead(RefreshTokenStore store, Callable<?> meanwhile) {
        return storeCalling((proxy, method, arguments) -> {
            Object result = method.invoke(store, arguments);
            if (method.getName().equals("findTimedToken")) {
                meanwhile.call();
            }
            return result;
        });
    }

    /** The store as a team's own would be: its abstract methods the JPA store's, its default ones the interface's. */
    private static RefreshTokenStore withDefaultsOnly(RefreshTokenStore store) {
        return storeCalling((proxy, method, arguments) -> method.isDefault()
                ? InvocationHandler.invokeDefault(proxy, method, arguments) : method.invoke(store, arguments));
    }

    /** A store whose every call goes to {@code calls}; what a delegate throws comes out as itself. */
    private static RefreshTokenStore storeCalling(InvocationHandler calls) {
        return (RefreshTokenStore) Proxy.newProxyInstance(RefreshTokenStore.class.getClassLoader(),
                new Class<?>[] {RefreshTokenStore.class}, (proxy, method, arguments) -> {
                    try {
                        return calls.invoke(proxy, method, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private RefreshTokens node(List<EntityManager> managers, AuthSettings settings, Duration clockOffset) {
        EntityManager own = factory().createEntityManager();
        managers.add(own);
        RefreshTokens node = refreshTokens(own);
        node.settings = settings;
        node.clock = Clock.offset(Clock.systemUTC(), clockOffset);
        return node;
    }

    @Test
    void aFailedRotationConsumesNothing() throws Exception {
        IssuedRefreshToken first = login("bob");
        RefreshTokenStore real = tokens.store;
        tokens.store = new FailingStore(real);

        assertThrows(IllegalStateException.class, () -> rotate(first));

        tokens.store = real;
        assertEquals(RefreshTokenState.ACTIVE, row(first).getState(), "the consume was rolled back with the insert");
        assertEquals(1, tokenRows().size());
        assertNotEquals(first.value(), rotate(first).value(), "and the token still works");
    }

    /*
     * The bound comes with the named queries (QueryTimeout), not with each call: PostgreSQL would otherwise wait
     * for the lock for as long as its holder keeps it. H2 gives up by its own lock timeout, sooner.
     */
    @Test
    void aRotationHeldUpByALockedSessionGivesUpWithinTheQueryTimeout() throws Exception {
        IssuedRefreshToken first = login("bob");
        EntityManager holder = factory().createEntityManager();
        EntityManager own = factory().createEntityManager();
        RefreshTokens node = refreshTokens(own);
        node.clock = tokens.clock;
        Duration bound = QueryTimeout.BOUND;
        try {
            holder.getTransaction().begin();
            assertEquals(1, holder.createQuery("UPDATE RefreshSession f SET f.lastUsedAt = f.lastUsedAt"
                    + " WHERE f.id = :id").setParameter("id", first.sessionId()).executeUpdate());

            long started = System.nanoTime();
            // Without the bound the rotation would wait for the holder, which lets go only after this.
            Exception failure = assertTimeoutPreemptively(bound.plusSeconds(10),
                    () -> assertThrows(Exception.class,
                            () -> inTransaction(own, () -> node.rotate(first.value(), "192.0.2.7"))));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertTrue(DatabaseFailures.isTransient(failure), () -> "a 503, not a 500: " + failure);
            assertTrue(waited.compareTo(bound.plusSeconds(3)) < 0, () -> "gave up after " + waited);
        } finally {
            if (holder.getTransaction().isActive()) {
                holder.getTransaction().rollback();
            }
            holder.close();
            own.close();
        }
        assertEquals(RefreshTokenState.ACTIVE, row(first).getState(), "nothing was consumed");
    }

    @Test
    void aRepeatFollowsTheChainToTheLiveHead() throws Exception {
        IssuedRefreshToken first = login("bob");
        IssuedRefreshToken second = rotate(first);
        at(LOGIN.plusSeconds(2));
        IssuedRefreshToken third = rotate(second);
        at(LOGIN.plusSeconds(4));

        assertEquals(third.value(), rotate(first).value());
    }

    @Test
    void reuseAfterTheLeewayRevokesTheWholeSession() throws Exception {
        IssuedRefreshToken first = login("bob");
        IssuedRefreshToken second = rotate(first);
        at(LOGIN.plusSeconds(11));

        RefreshTokenRejectedException theft = assertThrows(RefreshTokenRejectedException.class, () -> rotate(first));
        assertEquals(Reason.REUSED, theft.reason());
        assertEquals(new RefreshTokenReuse("bob", first.sessionId(), "192.0.2.7"), theft.reuse().orElseThrow());

        assertEquals(Reason.REVOKED, rejection(second), "the newest token of the session stops working too");
        assertTrue(sessions().get(0).isRevoked());
        assertEquals(List.of(new SessionsRevoked(List.of(first.sessionId()))), revocations.fired,
                "this node's filter is told, to refuse the session's access tokens once this commits");
    }

    @Test
    void anIdleSessionDies() throws Exception {
        IssuedRefreshToken first = login("bob");
        at(LOGIN.plus(Duration.ofHours(23)));
        IssuedRefreshToken second = rotate(first);
        at(LOGIN.plus(Duration.ofHours(46)));
        IssuedRefreshToken third = rotate(second);

        at(LOGIN.plus(Duration.ofHours(71)));
        assertEquals(Reason.EXPIRED, rejection(third));
    }

    @Test
    void rotationNeverExtendsTheSessionPastItsAbsoluteEnd() throws Exception {
        IssuedRefreshToken current = login("bob");
        Instant end = LOGIN.plus(Duration.ofDays(14));
        Instant t = LOGIN;
        for (t = t.plus(Duration.ofHours(20)); t.isBefore(end); t = t.plus(Duration.ofHours(20))) {
            at(t);
            current = rotate(current);
            assertFalse(t.plus(current.remainingLife()).isAfter(end), "cookie life " + current.remainingLife());
        }
        Instant last = t.minus(Duration.ofHours(20));
        assertEquals(Duration.between(last, end), current.remainingLife(),
                "near the end, the cookie lives exactly the remaining life");

        at(end);
        assertEquals(Reason.EXPIRED, rejection(current));
    }

    @Test
    void logoutRevokesTheSession() throws Exception {
        IssuedRefreshToken first = login("bob");
        IssuedRefreshToken second = rotate(first);

        Optional<RefreshTokens.LoggedOut> ended = inTransaction(em, () -> tokens.endSession(second.value(),
                "192.0.2.7"));

        assertEquals(Optional.of(new RefreshTokens.LoggedOut("bob", first.sessionId(), Optional.empty())), ended,
                "whose login ended, for the audit line");
        RefreshTokenRejectedException revoked = assertThrows(RefreshTokenRejectedException.class, () -> rotate(second));
        assertEquals(Reason.REVOKED, revoked.reason());
        assertTrue(revoked.reuse().isEmpty(), "a revoked session is no theft");
        assertEquals(List.of(new SessionsRevoked(List.of(first.sessionId()))), revocations.fired);
    }

    @Test
    void aLogoutWithAUsedTokenAfterTheLeewayIsTheftAsOnRefresh() throws Exception {
        IssuedRefreshToken first = login("bob");
        IssuedRefreshToken second = rotate(first);
        at(LOGIN.plusSeconds(11));

        Optional<RefreshTokenReuse> theft = inTransaction(em, () -> tokens.logout(first.value(), "192.0.2.66"));

        assertEquals(Optional.of(new RefreshTokenReuse("bob", first.sessionId(), "192.0.2.66")), theft);
        assertTrue(sessions().get(0).isRevoked());
        assertEquals(Reason.REVOKED, rejection(second));
        assertEquals(List.of(new SessionsRevoked(List.of(first.sessionId()))), revocations.fired);
    }

    @Test
    void aLogoutWithAUsedTokenWithinTheLeewayIsAnOrdinaryLogout() throws Exception {
        IssuedRefreshToken first = login("bob");
        rotate(first);
        at(LOGIN.plusSeconds(9));

        assertEquals(Optional.empty(), inTransaction(em, () -> tokens.logout(first.value(), "192.0.2.7")),
                "a tab that had not yet seen the rotation signs out");
        assertTrue(sessions().get(0).isRevoked());
        assertEquals(Optional.empty(), inTransaction(em, () -> tokens.logout(first.value(), "192.0.2.7")),
                "an ended session raises nothing more");
    }

    /** Logout reads the token before the lock, as a rotation does, and must read its state again under the lock. */
    @Test
    void aLogoutReadsAgainUnderTheLockWhatARotationConsumedAfterItsFirstRead() throws Exception {
        tokens.settings = TestSettings.with("auth.refresh-token.reuse-leeway", "PT0S");
        IssuedRefreshToken first = login("bob");
        RefreshTokenStore real = tokens.store;
        EntityManager other = factory().createEntityManager();
        try {
            RefreshTokens otherNode = refreshTokens(other);
            otherNode.settings = tokens.settings;
            otherNode.clock = tokens.clock;
            tokens.store = afterTimedRead(real, () -> inTransaction(other,
                    () -> otherNode.rotate(first.value(), "192.0.2.8")));

            Optional<RefreshTokens.LoggedOut> ended = inTransaction(em,
                    () -> tokens.endSession(first.value(), "192.0.2.7"));

            assertEquals(Optional.of(new RefreshTokenReuse("bob", first.sessionId(), "192.0.2.7")),
                    ended.orElseThrow().reuse(), "without a leeway a used token is theft, by its state under the lock");
        } finally {
            tokens.store = real;
            other.close();
        }
        assertTrue(sessions().get(0).isRevoked());
    }

    @Test
    void aTokenWhoseSessionWasPurgedIsRefusedAsUnknownAndConsumesNothing() throws Exception {
        IssuedRefreshToken first = login("bob");
        // The purge's own order, sessions first: its tokens are the next statement's, or the next batch's.
        inTransaction(em, () -> em.createQuery("DELETE FROM RefreshSession").executeUpdate());

        assertEquals(Reason.UNKNOWN, rejection(first));
        JpaRefreshTokenStore store = (JpaRefreshTokenStore) tokens.store;
        assertEquals(Optional.empty(), inTransaction(em, () -> store.isRevoked(first.sessionId())));
        assertEquals(Optional.empty(), inTransaction(em, () -> store.findTimedToken(OpaqueTokens.hash(first.value()))),
                "no session, no timed read");
        List<RefreshToken> rows = tokenRows();
        assertEquals(1, rows.size(), "the token's row, left for the purge's next statement");
        assertEquals(RefreshTokenState.ACTIVE, rows.get(0).getState(), "nothing consumed");
    }

    @Test
    void whetherASessionIsRevokedIsReadFromTheDatabase() throws Exception {
        IssuedRefreshToken live = login("bob");
        JpaRefreshTokenStore store = (JpaRefreshTokenStore) tokens.store;
        assertEquals(Optional.of(false), inTransaction(em, () -> store.isRevoked(live.sessionId())));

        inTransaction(em, () -> tokens.logout(live.value(), "192.0.2.7"));

        assertEquals(Optional.of(true), inTransaction(em, () -> store.isRevoked(live.sessionId())));
        assertEquals(Optional.empty(), inTransaction(em, () -> store.isRevoked("no-such-session")));
    }

    @Test
    void unknownTokensAreRefused() {
        assertEquals(Reason.UNKNOWN,
                rejection(new IssuedRefreshToken(OpaqueTokens.newToken(), "x", "x", Set.of(), Duration.ZERO)));
    }

    @Test
    void onlyOneConditionalUpdateConsumesAToken() throws Exception {
        IssuedRefreshToken issued = login("bob");
        String id = row(issued).getId();

        assertTrue(inTransaction(em, () -> tokens.store.consume(id, LOGIN)));
        assertFalse(inTransaction(em, () -> tokens.store.consume(id, LOGIN)));
    }

    @Test
    void twentyConcurrentRefreshesGetTheOneSuccessor() throws Exception {
        IssuedRefreshToken first = login("bob");
        int clients = 20;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                results.add(pool.submit(() -> {
                    EntityManager own = factory().createEntityManager();
                    try {
                        RefreshTokens client = refreshTokens(own);
                        client.clock = tokens.clock;
                        start.await();
                        return inTransaction(own, () -> client.rotate(first.value(), "192.0.2.7")).value();
                    } finally {
                        own.close();
                    }
                }));
            }
            start.countDown();
            List<String> successors = new ArrayList<>();
            for (Future<String> result : results) {
                successors.add(result.get(60, TimeUnit.SECONDS));
            }
            assertEquals(clients, successors.size());
            assertEquals(1, successors.stream().distinct().count(), "all twenty got the same successor");
            assertEquals(2, tokenRows().size());
            assertFalse(sessions().get(0).isRevoked());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sessionsListAndRevokeOnlyTheUsersOwn() throws Exception {
        IssuedRefreshToken laptop = login("carol");
        IssuedRefreshToken phone = login("carol");
        IssuedRefreshToken other = login("dave");

        List<Session> live = inTransaction(em, () -> sessions.liveSessionsOf("carol"));
        assertEquals(Set.of(laptop.sessionId(), phone.sessionId()),
                Set.copyOf(live.stream().map(Session::id).toList()));
        assertEquals(BROWSER, live.get(0).userAgent());

        assertFalse(inTransaction(em, () -> sessions.revoke("carol", other.sessionId())), "not carol's");
        assertEquals(List.of(), revocations.fired, "nothing revoked, nothing told");
        assertTrue(inTransaction(em, () -> sessions.revoke("carol", phone.sessionId())));
        assertEquals(Reason.REVOKED, rejection(phone));
        assertEquals(List.of(laptop.sessionId()),
                inTransaction(em, () -> sessions.liveSessionsOf("carol")).stream().map(Session::id).toList());

        assertEquals(List.of(laptop.sessionId()), inTransaction(em, () -> sessions.revokeAll("carol")));
        assertEquals(List.of(new SessionsRevoked(List.of(phone.sessionId())),
                new SessionsRevoked(List.of(laptop.sessionId()))), revocations.fired);
        assertEquals(Reason.REVOKED, rejection(laptop));
        assertEquals(1, inTransaction(em, () -> sessions.liveSessionsOf("dave")).size());
    }

    @Test
    void purgeDeletesDeadSessionsWithTheirTokensInBatches() throws Exception {
        IssuedRefreshToken revoked = login("erin");
        rotate(revoked);
        inTransaction(em, () -> {
            tokens.logout(revoked.value(), "192.0.2.7");
            return null;
        });
        login("erin");
        at(LOGIN.plus(Duration.ofHours(23)));
        IssuedRefreshToken live = login("frank");

        at(LOGIN.plus(Duration.ofHours(25)));
        assertEquals(1, inTransaction(em, () -> tokens.purgeDead(1)), "a batch is bounded");
        assertEquals(1, inTransaction(em, () -> tokens.purgeDead(10)));
        assertEquals(0, inTransaction(em, () -> tokens.purgeDead(10)));

        assertEquals(List.of(live.sessionId()), sessions().stream().map(RefreshSession::getId).toList());
        assertEquals(List.of(OpaqueTokens.hash(live.value())),
                tokenRows().stream().map(RefreshToken::getTokenHash).toList());
    }

    @Test
    void aRevokedSessionOutlivesThePurgeUntilItsAccessTokensHaveExpired() throws Exception {
        IssuedRefreshToken revoked = login("gina");
        Instant revokedAt = LOGIN.plus(Duration.ofMinutes(1));
        at(revokedAt);
        inTransaction(em, () -> {
            tokens.logout(revoked.value(), "192.0.2.7");
            return null;
        });
        Duration retention = SETTINGS.revokedSessionRetention();

        // The purge allows for the clock skew of other nodes on top of the retention.
        at(revokedAt.plus(retention).plus(SETTINGS.clockSkew()).minusSeconds(1));
        assertEquals(0, inTransaction(em, () -> tokens.purgeDead(10)), "other nodes must still learn of it");
        assertEquals(Map.of(revoked.sessionId(), revokedAt),
                inTransaction(em, () -> sessions.revokedSince(revokedAt)));
        assertEquals(Map.of(), inTransaction(em, () -> sessions.revokedSince(revokedAt.plusMillis(1))));

        at(revokedAt.plus(retention).plus(SETTINGS.clockSkew()));
        assertEquals(1, inTransaction(em, () -> tokens.purgeDead(10)));
        assertEquals(List.of(), sessions());
    }

    @Test
    void revokedSessionsLearnsRevocationsOfAnotherNodeAtItsNextPoll() throws Exception {
        // Two nodes: each its own persistence context, store and revoked-session set, one database.
        EntityManager otherEm = factory().createEntityManager();
        try {
            RefreshTokens otherNode = refreshTokens(otherEm);
            otherNode.clock = Clock.fixed(LOGIN, ZoneOffset.UTC);
            RevokedSessions here = revokedSessions(sessions);
            IssuedRefreshToken laptop = login("hana");
            IssuedRefreshToken phone = login("hana");
            here.poll();
            assertFalse(here.isRevoked(laptop.sessionId()));

            inTransaction(otherEm, () -> {
                otherNode.logout(laptop.value(), "192.0.2.7");
                return null;
            });
            assertFalse(here.isRevoked(laptop.sessionId()), "known only from the next poll");
            here.poll();
            assertTrue(here.isRevoked(laptop.sessionId()));
            assertFalse(here.isRevoked(phone.sessionId()));

            here.revokedHere(new SessionsRevoked(List.of("revoked-on-this-node")));
            assertTrue(here.isRevoked("revoked-on-this-node"), "at once, before any poll");

            // Forgotten once every access token of the session has expired by every clock.
            here.clock = Clock.fixed(LOGIN.plus(SETTINGS.revokedSessionRetention()).plusSeconds(1), ZoneOffset.UTC);
            here.poll();
            assertFalse(here.isRevoked(laptop.sessionId()));
            assertEquals(0, here.size());
        } finally {
            otherEm.close();
        }
    }

    @Test
    void aPollLooksBackForRevocationsStampedBeforeThePreviousPollButCommittedAfterIt() throws Exception {
        EntityManager otherEm = factory().createEntityManager();
        try {
            RefreshTokens otherNode = refreshTokens(otherEm);
            IssuedRefreshToken late = login("jack");
            IssuedRefreshToken tooLate = login("jack");
            Instant t = LOGIN.plus(Duration.ofMinutes(10));
            RevokedSessions here = revokedSessions(sessions);
            here.clock = Clock.fixed(t, ZoneOffset.UTC);
            here.poll();

            // Stamped by a node whose clock is behind, or before a slow commit, and committed after that poll.
            Duration lookBack = SETTINGS.clockSkew().multipliedBy(2).plus(RevokedSessions.COMMIT_MARGIN);
            otherNode.clock = Clock.fixed(t.minus(lookBack), ZoneOffset.UTC);
            inTransaction(otherEm, () -> {
                otherNode.logout(late.value(), "192.0.2.7");
                return null;
            });
            otherNode.clock = Clock.fixed(t.minus(lookBack).minusMillis(1), ZoneOffset.UTC);
            inTransaction(otherEm, () -> {
                otherNode.logout(tooLate.value(), "192.0.2.7");
                return null;
            });

            here.clock = Clock.fixed(t.plusMillis(2500), ZoneOffset.UTC);
            here.poll();
            assertTrue(here.isRevoked(late.sessionId()));
            assertFalse(here.isRevoked(tooLate.sessionId()),
                    "the look-back is bounded: only a first poll reads further");
        } finally {
            otherEm.close();
        }
    }

    @Test
    void aNodeThatStartsKnowsTheRecentRevocationsAndKeepsThemWhenTheDatabaseFails() throws Exception {
        IssuedRefreshToken revoked = login("ines");
        at(LOGIN.plus(Duration.ofMinutes(2)));
        inTransaction(em, () -> {
            tokens.logout(revoked.value(), "192.0.2.7");
            return null;
        });

        Sessions failing = new Sessions() {
            private boolean fail;

            @Override
            public Map<String, Instant> revokedSince(Instant since) {
                if (fail) {
                    throw new IllegalStateException("database gone");
                }
                fail = true;
                return sessions.revokedSince(since);
            }
        };
        RevokedSessions started = revokedSessions(failing);
        started.clock = Clock.fixed(LOGIN.plus(Duration.ofMinutes(3)), ZoneOffset.UTC);
        started.poll();
        assertTrue(started.isRevoked(revoked.sessionId()), "the first poll reads the whole retention period");
        started.poll();
        assertTrue(started.isRevoked(revoked.sessionId()), "a failed poll forgets nothing");
    }

    private static RevokedSessions revokedSessions(Sessions sessions) {
        RevokedSessions revoked = new RevokedSessions();
        revoked.sessions = sessions;
        revoked.settings = SETTINGS;
        revoked.clock = Clock.fixed(LOGIN, ZoneOffset.UTC);
        return revoked;
    }

    /** A store whose insert of a successor fails, as a database that goes away in the middle of a refresh. */
    private static final class FailingStore implements RefreshTokenStore {
        private final RefreshTokenStore real;

        FailingStore(RefreshTokenStore real) {
            this.real = real;
        }

        @Override public void addSession(RefreshSession session) { real.addSession(session); }
        @Override public void addToken(RefreshToken token) { throw new IllegalStateException("database gone"); }
        @Override public Optional<RefreshSession> findSession(String id) { return real.findSession(id); }
        @Override public Optional<RefreshToken> findByHash(String hash) { return real.findByHash(hash); }
        @Override public RefreshToken reload(RefreshToken token) { return real.reload(token); }
        @Override public boolean touchSession(String id, Instant now, Instant cutoff) {
            return real.touchSession(id, now, cutoff);
        }
        @Override public Instant databaseTime(String id) { return real.databaseTime(id); }
        @Override public boolean consume(String id, Instant now) { return real.consume(id, now); }
        @Override public void addSeal(RefreshSeal seal) { real.addSeal(seal); }
        @Override public Optional<RefreshSeal> findSeal(String id) { return real.findSeal(id); }
        @Override public int deleteSealsExpiredBefore(Duration grace) { return real.deleteSealsExpiredBefore(grace); }
        @Override public boolean revokeSession(String id, Instant now) { return real.revokeSession(id, now); }
        @Override public int revokeSessionsOf(String user, Instant now) { return real.revokeSessionsOf(user, now); }
        @Override public List<RefreshSession> liveSessionsOf(String user, Instant now, Instant cutoff) {
            return real.liveSessionsOf(user, now, cutoff);
        }
        @Override public Map<String, Instant> revokedSince(Instant since) { return real.revokedSince(since); }
        @Override public int purgeDeadSessions(Instant now, Instant cutoff, Instant revokedCutoff, int limit) {
            return real.purgeDeadSessions(now, cutoff, revokedCutoff, limit);
        }
    }

    private IssuedRefreshToken login(String user) throws Exception {
        return inTransaction(em, () -> tokens.startSession(user, Set.of("user", "admin"), BROWSER));
    }

    private IssuedRefreshToken rotate(IssuedRefreshToken token) throws Exception {
        return inTransaction(em, () -> tokens.rotate(token.value(), "192.0.2.7"));
    }

    private Reason rejection(IssuedRefreshToken token) {
        return assertThrows(RefreshTokenRejectedException.class, () -> rotate(token)).reason();
    }

    /** The instant by every clock: this node's, and the database's, which measures the leeway. */
    private void at(Instant instant) {
        tokens.clock = Clock.fixed(instant, ZoneOffset.UTC);
        databaseClock = tokens.clock;
        ((JpaRefreshTokenStore) tokens.store).databaseClock = tokens.clock;
        if (sessions != null) {
            sessions.clock = tokens.clock;
        }
    }

    private RefreshToken row(IssuedRefreshToken token) {
        em.clear();
        return tokens.store.findByHash(OpaqueTokens.hash(token.value())).orElseThrow();
    }

    private Optional<RefreshSeal> seal(IssuedRefreshToken token) {
        String id = row(token).getId();
        return tokens.store.findSeal(id);
    }

    private List<RefreshSession> sessions() {
        em.clear();
        return em.createQuery("SELECT f FROM RefreshSession f", RefreshSession.class).getResultList();
    }

    private List<RefreshToken> tokenRows() {
        em.clear();
        return em.createQuery("SELECT t FROM RefreshToken t", RefreshToken.class).getResultList();
    }

    /** Runs the work as a container transaction would: a persistence context of its own, commit on success. */
    static <T> T inTransaction(EntityManager em, Callable<T> work) throws Exception {
        em.clear();
        em.getTransaction().begin();
        try {
            T result = work.call();
            em.getTransaction().commit();
            return result;
        } catch (RefreshTokenRejectedException e) {
            // As @Transactional(dontRollbackOn = ...) does: a refusal keeps what it wrote (a revocation).
            em.getTransaction().commit();
            throw e;
        } catch (Exception e) {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            throw e;
        }
    }
}
