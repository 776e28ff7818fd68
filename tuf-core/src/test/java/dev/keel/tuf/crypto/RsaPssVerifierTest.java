package dev.keel.tuf.crypto;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keel.tuf.error.SignatureInvalidException;
import dev.keel.tuf.model.Key;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RsaPssVerifierTest {
  private static final byte[] DATA = "{\"_type\":\"root\"}".getBytes(StandardCharsets.UTF_8);
  private static SigningKey key;
  private static Verifier verifier;

  @BeforeAll
  static void loadKey() throws Exception {
    key = KeyFixtures.rsa();
    verifier = Verifiers.forKey(key.publicKey());
  }

  @Test
  void roundTrip() throws Exception {
    verifier.verify(DATA, key.sign(DATA));
  }

  @Test
  void tamperedDataFails() throws Exception {
    byte[] sig = key.sign(DATA);
    byte[] tampered = DATA.clone();
    tampered[DATA.length - 2] ^= 1;
    assertThrows(SignatureInvalidException.class, () -> verifier.verify(tampered, sig));
  }

  @Test
  void tamperedSignatureFails() throws Exception {
    byte[] sig = key.sign(DATA);
    for (int i : new int[] {0, 100, sig.length - 1}) {
      byte[] tampered = sig.clone();
      tampered[i] ^= 1;
      assertThrows(SignatureInvalidException.class, () -> verifier.verify(DATA, tampered));
    }
  }

  @Test
  void wrongKeyFails() throws Exception {
    SigningKey other = KeyPairs.generateRsa(2048, new SecureRandom());
    assertThrows(
        SignatureInvalidException.class,
        () -> Verifiers.forKey(other.publicKey()).verify(DATA, key.sign(DATA)));
  }

  @Test
  void wrongLengthOrOutOfRangeSignatureFails() throws Exception {
    byte[] sig = key.sign(DATA);
    assertThrows(
        SignatureInvalidException.class,
        () -> verifier.verify(DATA, Arrays.copyOf(sig, sig.length - 1)));
    assertThrows(
        SignatureInvalidException.class,
        () -> verifier.verify(DATA, Arrays.copyOf(sig, sig.length + 1)));
    assertThrows(SignatureInvalidException.class, () -> verifier.verify(DATA, new byte[0]));
    byte[] allOnes = new byte[sig.length];
    Arrays.fill(allOnes, (byte) 0xff); // larger than the modulus
    assertThrows(SignatureInvalidException.class, () -> verifier.verify(DATA, allOnes));
    assertThrows(
        SignatureInvalidException.class, () -> verifier.verify(DATA, new byte[sig.length]));
  }

  @Test
  void acceptsOpenSslSignaturesWithAnySaltLengthLikeSecuresystemslib() throws Exception {
    Verifier v =
        Verifiers.forKey(
            new Key("rsa", "rsassa-pss-sha256", KeyFixtures.publicPem("rsa-2048-traditional.pem")));
    byte[] message = KeyFixtures.opensslMessage();
    v.verify(message, KeyFixtures.opensslSignature("rsa-pss-salt32"));
    v.verify(message, KeyFixtures.opensslSignature("rsa-pss-saltmax"));
    v.verify(message, KeyFixtures.opensslSignature("rsa-pss-salt0"));
    byte[] other = "another message".getBytes(StandardCharsets.UTF_8);
    for (String name : new String[] {"rsa-pss-salt32", "rsa-pss-saltmax", "rsa-pss-salt0"}) {
      assertThrows(
          SignatureInvalidException.class,
          () -> v.verify(other, KeyFixtures.opensslSignature(name)));
    }
  }

  @Test
  void acceptsOtherSaltLengthsSignedHere() throws Exception {
    RSAPrivateCrtKeyParameters priv = (RSAPrivateCrtKeyParameters) key.privateKeyParameters();
    int max = (priv.getModulus().bitLength() - 1 + 7) / 8 - 32 - 2;
    for (int salt : new int[] {0, 1, 20, 31, 33, 64, max}) {
      PSSSigner signer = new PSSSigner(new RSABlindedEngine(), new SHA256Digest(), salt);
      signer.init(true, new ParametersWithRandom(priv, new SecureRandom()));
      signer.update(DATA, 0, DATA.length);
      byte[] sig = signer.generateSignature();
      verifier.verify(DATA, sig);
      byte[] tampered = DATA.clone();
      tampered[0] ^= 1;
      assertThrows(SignatureInvalidException.class, () -> verifier.verify(tampered, sig));
    }
  }

  @Test
  void pkcs1v15SignatureIsNotAccepted() throws Exception {
    RSAPrivateCrtKeyParameters priv = (RSAPrivateCrtKeyParameters) key.privateKeyParameters();
    org.bouncycastle.crypto.signers.RSADigestSigner signer =
        new org.bouncycastle.crypto.signers.RSADigestSigner(new SHA256Digest());
    signer.init(true, priv);
    signer.update(DATA, 0, DATA.length);
    byte[] sig = signer.generateSignature();
    assertThrows(SignatureInvalidException.class, () -> verifier.verify(DATA, sig));
  }

  @Test
  void unusablePublicExponentIsRejected() {
    BigInteger n = ((RSAPrivateCrtKeyParameters) key.privateKeyParameters()).getModulus();
    for (long e : new long[] {1, 2, 65536}) {
      String pem = PublicKeyPem.encode(RsaKeys.subjectPublicKeyInfo(n, BigInteger.valueOf(e)));
      dev.keel.tuf.error.KeyException ex =
          assertThrows(
              dev.keel.tuf.error.KeyException.class,
              () -> Verifiers.forKey(new Key("rsa", "rsassa-pss-sha256", pem)));
      org.junit.jupiter.api.Assertions.assertEquals(
          dev.keel.tuf.error.KeyException.Reason.MALFORMED, ex.reason(), "e=" + e);
    }
  }
}
