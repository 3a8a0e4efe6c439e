package dev.latchkey.token.direct;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;

/**
 * ES256 (ECDSA on P-256 with SHA-256) with the JDK alone: JOSE wants the raw 64-byte R||S signature, the JDK speaks DER.
 */
public final class Es256 {

    private static final int COORDINATE = 32;

    private Es256() {
    }

    public static SigningKey generate(String kid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            var pair = generator.generateKeyPair();
            return new SigningKey(kid, (ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is not available", e);
        }
    }

    public static byte[] sign(byte[] data, ECPrivateKey key) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(key);
            signature.update(data);
            return derToRaw(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ES256 signing failed", e);
        }
    }

    public static boolean verify(byte[] data, byte[] raw, ECPublicKey key) {
        if (raw.length != 2 * COORDINATE) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initVerify(key);
            signature.update(data);
            return signature.verify(rawToDer(raw));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static byte[] coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[COORDINATE];
        int copy = Math.min(bytes.length, COORDINATE);
        System.arraycopy(bytes, bytes.length - copy, fixed, COORDINATE - copy, copy);
        return fixed;
    }

    static ECPublicKey publicKey(byte[] x, byte[] y) throws GeneralSecurityException {
        ECParameterSpec p256 = p256();
        return (ECPublicKey) KeyFactory.getInstance("EC")
                .generatePublic(new ECPublicKeySpec(new ECPoint(new BigInteger(1, x), new BigInteger(1, y)), p256));
    }

    static ECPrivateKey privateKey(byte[] d) throws GeneralSecurityException {
        return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(new BigInteger(1, d), p256()));
    }

    private static ECParameterSpec p256() throws GeneralSecurityException {
        var parameters = java.security.AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        return parameters.getParameterSpec(ECParameterSpec.class);
    }

    private static byte[] derToRaw(byte[] der) {
        // SEQUENCE { INTEGER r, INTEGER s }, short-form lengths for P-256.
        int offset = der[1] == (byte) 0x81 ? 3 : 2;
        int rLength = der[offset + 1];
        byte[] r = Arrays.copyOfRange(der, offset + 2, offset + 2 + rLength);
        int sOffset = offset + 2 + rLength;
        int sLength = der[sOffset + 1];
        byte[] s = Arrays.copyOfRange(der, sOffset + 2, sOffset + 2 + sLength);
        byte[] raw = new byte[2 * COORDINATE];
        System.arraycopy(coordinate(new BigInteger(1, r)), 0, raw, 0, COORDINATE);
        System.arraycopy(coordinate(new BigInteger(1, s)), 0, raw, COORDINATE, COORDINATE);
        return raw;
    }

    private static byte[] rawToDer(byte[] raw) {
        byte[] r = new BigInteger(1, Arrays.copyOfRange(raw, 0, COORDINATE)).toByteArray();
        byte[] s = new BigInteger(1, Arrays.copyOfRange(raw, COORDINATE, 2 * COORDINATE)).toByteArray();
        int length = 2 + r.length + 2 + s.length;
        byte[] der = new byte[2 + length];
        der[0] = 0x30;
        der[1] = (byte) length;
        der[2] = 0x02;
        der[3] = (byte) r.length;
        System.arraycopy(r, 0, der, 4, r.length);
        der[4 + r.length] = 0x02;
        der[5 + r.length] = (byte) s.length;
        System.arraycopy(s, 0, der, 6 + r.length, s.length);
        return der;
    }
}
