package dev.keel.tuf.crypto;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.KeyException.Reason;
import dev.keel.tuf.error.SignatureInvalidException;
import dev.keel.tuf.model.Key;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VerifiersTest {
  private static final HexFormat HEX = HexFormat.of();

  // RFC 8032 section 7.1, TEST 1 and TEST 2.
  private static final String RFC8032_PUBLIC_1 =
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
  private static final String RFC8032_SIG_1 =
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
          + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
  private static final String RFC8032_PUBLIC_2 =
      "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
  private static final String RFC8032_SIG_2 =
      "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
          + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";

  @Test
  void ed25519KnownAnswerVectorsFromRfc8032() throws Exception {
    Verifier v1 = Verifiers.forKey(new Key("ed25519", "ed25519", RFC8032_PUBLIC_1));
    v1.verify(new byte[0], HEX.parseHex(RFC8032_SIG_1));
    Verifier v2 = Verifiers.forKey(new Key("ed25519", "ed25519", RFC8032_PUBLIC_2));
    v2.verify(new byte[] {0x72}, HEX.parseHex(RFC8032_SIG_2));
    assertThrows(
        SignatureInvalidException.class,
        () -> v2.verify(new byte[] {0x73}, HEX.parseHex(RFC8032_SIG_2)));
    assertThrows(
        SignatureInvalidException.class,
        () -> v1.verify(new byte[] {0x72}, HEX.parseHex(RFC8032_SIG_2)));
  }

  @Test
  void verifiesSignaturesMadeByOpenSsl() throws Exception {
    byte[] message = KeyFixtures.opensslMessage();
    Verifiers.forKey(new Key("ed25519", "ed25519", KeyFixtures.ed25519().publicKey().publicValue()))
        .verify(message, KeyFixtures.opensslSignature("ed25519"));
    Verifiers.forKey(
            new Key(
                "ecdsa", "ecdsa-sha2-nistp256", KeyFixtures.publicPem("ec-p256-traditional.pem")))
        .verify(message, KeyFixtures.opensslSignature("ecdsa"));
    Verifier rsa =
        Verifiers.forKey(
            new Key("rsa", "rsassa-pss-sha256", KeyFixtures.publicPem("rsa-2048-traditional.pem")));
    rsa.verify(message, KeyFixtures.opensslSignature("rsa-pss-salt32"));
  }

  @Test
  void dispatchesOnKeyTypeAndScheme() throws Exception {
    assertInstanceOf(Ed25519Verifier.class, Verifiers.forKey(KeyFixtures.ed25519().publicKey()));
    assertInstanceOf(EcdsaP256Verifier.class, Verifiers.forKey(KeyFixtures.ecdsa().publicKey()));
    assertInstanceOf(RsaPssVerifier.class, Verifiers.forKey(KeyFixtures.rsa().publicKey()));
    assertInstanceOf(
        EcdsaP256Verifier.class,
        Verifiers.forKey(
            new Key(
                "ecdsa-sha2-nistp256",
                "ecdsa-sha2-nistp256",
                KeyFixtures.publicPem("ec-p256-traditional.pem"))));
  }

  @Test
  void unsupportedTypeOrSchemeIsKeyException() {
    String ed = RFC8032_PUBLIC_1;
    assertEquals(Reason.UNSUPPORTED, reason(new Key("ed25519", "foo", ed)));
    assertEquals(Reason.UNSUPPORTED, reason(new Key("dsa", "dsa-sha256", ed)));
    assertEquals(
        Reason.UNSUPPORTED,
        reason(
            new Key(
                "rsa", "rsa-pkcs1v15-sha256", KeyFixtures.publicPem("rsa-2048-traditional.pem"))));
    // An EC key on another curve, and an RSA key presented as ECDSA and the other way round.
    assertEquals(
        Reason.UNSUPPORTED,
        reason(
            new Key(
                "ecdsa", "ecdsa-sha2-nistp256", KeyFixtures.publicPem("ec-p384-traditional.pem"))));
    assertEquals(
        Reason.UNSUPPORTED,
        reason(
            new Key(
                "ecdsa",
                "ecdsa-sha2-nistp256",
                KeyFixtures.publicPem("rsa-2048-traditional.pem"))));
    assertEquals(
        Reason.UNSUPPORTED,
        reason(
            new Key("rsa", "rsassa-pss-sha256", KeyFixtures.publicPem("ec-p256-traditional.pem"))));
  }

  @Test
  void malformedPublicValueIsKeyException() {
    assertEquals(
        Reason.MALFORMED, reason(new Key("ed25519", "ed25519", RFC8032_PUBLIC_1.substring(2))));
    assertEquals(
        Reason.MALFORMED,
        reason(new Key("ed25519", "ed25519", "zz" + RFC8032_PUBLIC_1.substring(2))));
    assertEquals(Reason.MALFORMED, reason(new Key("ed25519", "ed25519", "")));
    assertEquals(Reason.MALFORMED, reason(new Key("rsa", "rsassa-pss-sha256", "not a pem")));
    assertEquals(
        Reason.MALFORMED,
        reason(
            new Key(
                "rsa",
                "rsassa-pss-sha256",
                "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")));
    assertEquals(
        Reason.MALFORMED, reason(new Key("ecdsa", "ecdsa-sha2-nistp256", "04" + "00".repeat(64))));
    assertEquals(Reason.MALFORMED, reason(new Key("ecdsa", "ecdsa-sha2-nistp256", "not hex")));
    assertEquals(Reason.MALFORMED, reason(new Key("rsa", "rsassa-pss-sha256", "")));
  }

  @Test
  void rsaKeySizeOutside2048To8192IsKeyException() {
    assertEquals(Reason.KEY_SIZE, reason(rsaKeyOfBits(1024)));
    assertEquals(Reason.KEY_SIZE, reason(rsaKeyOfBits(2047)));
    assertEquals(Reason.KEY_SIZE, reason(rsaKeyOfBits(8193)));
    assertDoesNotThrow(() -> Verifiers.forKey(rsaKeyOfBits(2048)));
    assertDoesNotThrow(() -> Verifiers.forKey(rsaKeyOfBits(8192)));
  }

  @Test
  void ecdsaAcceptsHexPointsAsLegacySecuresystemslibWroteThem() throws Exception {
    EcdsaP256Verifier fromPem =
        (EcdsaP256Verifier) Verifiers.forKey(KeyFixtures.ecdsa().publicKey());
    byte[] spki = fromPem.subjectPublicKeyInfo().orElseThrow().toByteArray();
    byte[] uncompressed = java.util.Arrays.copyOfRange(spki, spki.length - 65, spki.length);
    byte[] compressed = new byte[33];
    compressed[0] = (byte) (2 + (uncompressed[64] & 1));
    System.arraycopy(uncompressed, 1, compressed, 1, 32);
    byte[] message = KeyFixtures.opensslMessage();
    byte[] sig = KeyFixtures.opensslSignature("ecdsa");
    for (byte[] point : new byte[][] {uncompressed, compressed}) {
      Verifier v =
          Verifiers.forKey(
              new Key("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256", HEX.formatHex(point)));
      v.verify(message, sig);
      assertEquals(fromPem.subjectPublicKeyInfo(), v.subjectPublicKeyInfo());
    }
  }

  @Test
  void publicKeyPemMayCarryATrailingNewline() throws Exception {
    Verifiers.forKey(
            new Key(
                "rsa",
                "rsassa-pss-sha256",
                KeyFixtures.publicPem("rsa-2048-traditional.pem") + "\n"))
        .verify(KeyFixtures.opensslMessage(), KeyFixtures.opensslSignature("rsa-pss-salt32"));
  }

  @Test
  void rsaModulusThatCannotBeAnRsaKeyIsMalformed() {
    BigInteger even = BigInteger.ONE.shiftLeft(2047).add(BigInteger.TWO);
    String pem = PublicKeyPem.encode(RsaKeys.subjectPublicKeyInfo(even, BigInteger.valueOf(65537)));
    assertEquals(Reason.MALFORMED, reason(new Key("rsa", "rsassa-pss-sha256", pem)));
  }

  /**
   * An RSA public key with a random modulus of exactly {@code bits} bits that passes Bouncy
   * Castle's plausibility checks (odd, composite, no small factors): enough to test size limits
   * without the cost of generating real keys up to 8192 bits.
   */
  private static Key rsaKeyOfBits(int bits) {
    Random random = new Random(bits);
    while (true) {
      BigInteger modulus = new BigInteger(bits, random).setBit(bits - 1).setBit(0);
      try {
        new org.bouncycastle.crypto.params.RSAKeyParameters(
            false, modulus, BigInteger.valueOf(65537));
      } catch (IllegalArgumentException e) {
        continue;
      }
      return new Key(
          "rsa",
          "rsassa-pss-sha256",
          PublicKeyPem.encode(RsaKeys.subjectPublicKeyInfo(modulus, BigInteger.valueOf(65537))));
    }
  }

  private static Reason reason(Key key) {
    return assertThrows(KeyException.class, () -> Verifiers.forKey(key)).reason();
  }
}
