package dev.tokencookie.accesstoken.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.settings.control.TestSettings;
import dev.tokencookie.testing.DpopProver;
import dev.tokencookie.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Server nonces (RFC 9449 section 8): good on the node that gave them, for a while, and never forged. */
class DpopNoncesTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-12-03T12:00:00Z"));
    private final DpopNonces nonces = new DpopNonces(clock, 60);

    @Test
    void aNonceIsGoodOnItsNodeForAWhile() {
        String nonce = nonces.current();
        assertTrue(nonces.isCurrent(nonce));
        clock.advance(Duration.ofSeconds(9));
        assertEquals(nonce, nonces.current(), "the same nonce for ten seconds: one MAC per ten seconds");
        clock.advance(Duration.ofSeconds(1));
        assertNotEquals(nonce, nonces.current(), "then a new one");
        clock.advance(Duration.ofSeconds(50));
        assertTrue(nonces.isCurrent(nonce), "taken for a minute");
        clock.advance(Duration.ofSeconds(1));
        assertFalse(nonces.isCurrent(nonce), "and no longer");
    }

    @Test
    void anotherNodesForgedOrSpoiledNonceIsNotTaken() {
        String nonce = nonces.current();
        assertFalse(new DpopNonces(clock, 60).isCurrent(nonce), "another node's");
        // A character of the MAC: the last one carries bits that decoding drops.
        char macCharacter = nonce.charAt(30);
        assertFalse(nonces.isCurrent(nonce.substring(0, 30) + (macCharacter == 'A' ? 'B' : 'A')
                + nonce.substring(31)));
        char timeCharacter = nonce.charAt(14);
        assertFalse(nonces.isCurrent(nonce.substring(0, 14) + (timeCharacter == 'A' ? 'B' : 'A')
                + nonce.substring(15)), "a later time under the old MAC");
        assertFalse(nonces.isCurrent(nonce.substring(1)));
        assertFalse(nonces.isCurrent("not base64url!"));
        assertFalse(nonces.isCurrent(""));
    }

    @Test
    void withNoncesOnAProofMustCarryThisNodesNonce() throws Exception {
        DpopProofs proofs = new DpopProofs(TestSettings.with("auth.dpop", "required", "auth.dpop.nonces", "true"),
                Clock.systemUTC());
        DpopProofs otherNode = new DpopProofs(TestSettings.with("auth.dpop", "required", "auth.dpop.nonces", "true"),
                Clock.systemUTC());
        DpopProver client = DpopProver.es256();
        RequestTarget target = new RequestTarget("POST", "https://api.example.com/api/auth/login");
        DpopProofRejectedException withoutNonce = assertThrows(DpopProofRejectedException.class,
                () -> proofs.verify(client.proof("POST", target.url()).sign(), target));
        assertInstanceOf(DpopNonceRequiredException.class, withoutNonce);
        String nonce = proofs.nonce().orElseThrow();
        assertInstanceOf(DpopNonceRequiredException.class, assertThrows(DpopProofRejectedException.class,
                () -> otherNode.verify(client.proof("POST", target.url()).claim("nonce", nonce).sign(), target)),
                "a proof signed for one node is refused by another");
        assertEquals(client.thumbprint(), proofs.verify(client.proof("POST", target.url()).claim("nonce", nonce)
                .sign(), target).thumbprint());
        assertTrue(new DpopProofs(TestSettings.with(), Clock.systemUTC()).nonce().isEmpty(), "off by default");
        assertTrue(new DpopProofs(TestSettings.with("auth.dpop.nonces", "true"), Clock.systemUTC()).nonce().isEmpty(),
                "no nonce where DPoP is off");
    }
}
