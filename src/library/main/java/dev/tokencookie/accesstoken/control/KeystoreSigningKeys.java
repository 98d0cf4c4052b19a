package dev.tokencookie.accesstoken.control;

import dev.tokencookie.settings.control.InvalidSettingException;
import dev.tokencookie.settings.control.Setting;
import dev.tokencookie.settings.control.SigningAlgorithm;
import dev.tokencookie.settings.control.SigningKeystore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * Keys from a PKCS12 keystore that the team provides and rotates itself: the first alias signs, the others are
 * published and accepted only, so that tokens of the previous key live out their lifetime after a rotation.
 */
public final class KeystoreSigningKeys implements SigningKeySource {

    private final List<SigningKey> keys;

    private KeystoreSigningKeys(List<SigningKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** Reads every alias once; anything unusable fails the deployment with the setting to fix named. */
    public static KeystoreSigningKeys load(SigningKeystore keystore, SigningAlgorithm algorithm) {
        KeyStore store = open(keystore);
        List<SigningKey> keys = new ArrayList<>();
        for (String alias : keystore.aliases()) {
            SigningKey key = read(store, alias, keystore.password(), algorithm);
            if (keys.stream().anyMatch(known -> known.keyId().equals(key.keyId()))) {
                throw new InvalidSettingException(Setting.SIGNING_KEYSTORE_ALIAS, alias, "holds a key listed before");
            }
            keys.add(key);
        }
        return new KeystoreSigningKeys(keys);
    }

    private static KeyStore open(SigningKeystore keystore) {
        String path = keystore.path().toString();
        if (!Files.isRegularFile(keystore.path()) || !Files.isReadable(keystore.path())) {
            throw new InvalidSettingException(Setting.SIGNING_KEYSTORE_PATH, path, "no readable file there");
        }
        try (InputStream in = Files.newInputStream(keystore.path())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, keystore.password().toCharArray());
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new InvalidSettingException(Setting.SIGNING_KEYSTORE_PASSWORD, "", "does not open " + path);
            }
            throw new InvalidSettingException(Setting.SIGNING_KEYSTORE_PATH, path, "not a PKCS12 keystore");
        } catch (GeneralSecurityException e) {
            throw new InvalidSettingException(Setting.SIGNING_KEYSTORE_PATH, path, "cannot be read: " + e.getMessage());
        }
    }

    private static SigningKey read(KeyStore store, String alias, String password, SigningAlgorithm algorithm) {
        try {
            Certificate certificate = store.getCertificate(alias);
            if (!store.isKeyEntry(alias) || certificate == null
                    || !(store.getKey(alias, password.toCharArray()) instanceof PrivateKey privateKey)) {
                throw new InvalidSettingException(Setting.SIGNING_KEYSTORE_ALIAS, alias,
                        "no private key entry of that name in the keystore");
            }
            PublicKey publicKey = certificate.getPublicKey();
            Optional<String> unfit = unfit(publicKey, algorithm);
            if (unfit.isPresent()) {
                throw new InvalidSettingException(Setting.SIGNING_KEYSTORE_ALIAS, alias,
                        unfit.get() + " (auth.signing.algorithm is " + algorithm.joseName() + ")");
            }
            if (!pairs(privateKey, publicKey, algorithm)) {
                throw new InvalidSettingException(Setting.SIGNING_KEYSTORE_ALIAS, alias,
                        "its private key does not match its certificate");
            }
            return new SigningKey(GeneratedSigningKeys.thumbprint(publicKey), algorithm.joseName(), privateKey,
                    publicKey);
        } catch (GeneralSecurityException e) {
            throw new InvalidSettingException(Setting.SIGNING_KEYSTORE_ALIAS, alias, "cannot be read: " + e
                    .getMessage());
        } catch (JoseException e) {
            throw new InvalidSettingException(Setting.SIGNING_KEYSTORE_ALIAS, alias, "not a key a JWK can describe");
        }
    }

    /** Signs a sample with the private key and verifies it with the certificate's key, as every token would be. */
    private static boolean pairs(PrivateKey privateKey, PublicKey publicKey, SigningAlgorithm algorithm)
            throws GeneralSecurityException {
        String name = switch (algorithm) {
            case RS256 -> "SHA256withRSA";
            case ES256 -> "SHA256withECDSA";
            case EDDSA -> "Ed25519";
        };
        byte[] sample = "token-cookie-auth key check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(name);
        signer.initSign(privateKey);
        signer.update(sample);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(name);
        verifier.initVerify(publicKey);
        verifier.update(sample);
        try {
            return verifier.verify(signature);
        } catch (SignatureException e) {
            // A signature of another key's size: not this pair either.
            return false;
        }
    }

    private static Optional<String> unfit(PublicKey key, SigningAlgorithm algorithm) {
        return switch (algorithm) {
            case RS256 -> key instanceof RSAPublicKey rsa
                    ? rsa.getModulus().bitLength() < GeneratedSigningKeys.RSA_BITS
                            ? Optional.of("an RSA key of " + rsa.getModulus().bitLength() + " bits; at least "
                                    + GeneratedSigningKeys.RSA_BITS + " are needed")
                            : Optional.empty()
                    : Optional.of("not an RSA key");
            case ES256 -> key instanceof ECPublicKey ec
                    && EllipticCurves.P_256.equals(EllipticCurves.getName(ec.getParams().getCurve()))
                    ? Optional.empty()
                    : Optional.of("not an EC key on P-256");
            case EDDSA -> key instanceof EdECPublicKey ed && NamedParameterSpec.ED25519.getName()
                    .equalsIgnoreCase(ed.getParams().getName())
                    ? Optional.empty()
                    : Optional.of("not an Ed25519 key");
        };
    }

    @Override
    public SigningKey signingKey() {
        return keys.get(0);
    }

    @Override
    public Optional<SigningKey> verificationKey(String keyId) {
        return keys.stream().filter(key -> key.keyId().equals(keyId)).findFirst();
    }

    @Override
    public List<SigningKey> publishedKeys() {
        return keys;
    }
}
