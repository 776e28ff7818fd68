package dev.keel.tuf.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.tuf.crypto.KeyPairs;
import dev.keel.tuf.crypto.KeyScheme;
import dev.keel.tuf.crypto.PrivateKeys;
import dev.keel.tuf.crypto.Signatures;
import dev.keel.tuf.crypto.SigningKey;
import dev.keel.tuf.error.SignatureInvalidException;
import dev.keel.tuf.error.UnsignedMetadataException;
import dev.keel.tuf.model.Bytes;
import dev.keel.tuf.model.Envelope;
import dev.keel.tuf.model.Key;
import dev.keel.tuf.model.MetadataCodec;
import dev.keel.tuf.model.RoleKeys;
import dev.keel.tuf.model.RoleType;
import dev.keel.tuf.model.Root;
import dev.keel.tuf.model.Signature;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ThresholdCheckTest {
  private static final String BOTTLEROCKET_KEY_ID =
      "febb06e5853878c3b2447c5100d327ebcf0807832c942f5e93ab28e0e4644684";
  private static final Bytes SIGNED =
      Bytes.wrap("{\"_type\":\"targets\",\"version\":1}".getBytes(StandardCharsets.UTF_8));

  private final ThresholdCheck check = new ThresholdCheck();
  private final SigningKey a = KeyPairs.generate(KeyScheme.ED25519);
  private final SigningKey b = KeyPairs.generate(KeyScheme.ECDSA_P256);
  private final SigningKey c = KeyPairs.generate(KeyScheme.ED25519);

  // --- interop: Bottlerocket's root.json, signed by tough with RSA-PSS -------------------------

  @Test
  void verifiesBottlerocketRootSignedByTough() throws Exception {
    Envelope<Root> envelope = bottlerocketRoot();
    Root root = envelope.signed();
    Key key = root.findKey(BOTTLEROCKET_KEY_ID).orElseThrow();
    assertEquals(BOTTLEROCKET_KEY_ID, key.keyId());
    assertEquals(KeyScheme.RSA_PSS_SHA256, KeyScheme.of(key).orElseThrow());

    VerificationResult result =
        check.require(
            "root",
            root.roleKeys(RoleType.ROOT),
            root.keys(),
            envelope.canonicalSigned(),
            envelope.signatures());

    assertTrue(result.isVerified());
    assertEquals(Set.of(BOTTLEROCKET_KEY_ID), result.signedKeyIds());
    assertEquals(1, result.threshold());
  }

  @Test
  void bottlerocketRootFailsWhenTheSignedBytesChange() throws Exception {
    Envelope<Root> envelope = bottlerocketRoot();
    byte[] changed = envelope.canonicalSigned().toByteArray();
    changed[changed.length - 2] ^= 1;
    UnsignedMetadataException e =
        assertThrows(
            UnsignedMetadataException.class,
            () ->
                check.require(
                    "root",
                    envelope.signed().roleKeys(RoleType.ROOT),
                    envelope.signed().keys(),
                    Bytes.wrap(changed),
                    envelope.signatures()));
    assertEquals("root", e.role());
    assertEquals(1, e.threshold());
    assertEquals(0, e.verified());
  }

  // --- counting rules -------------------------------------------------------------------------

  @Test
  void thresholdMetExactly() throws Exception {
    VerificationResult result =
        check.require(
            "targets", role(2, a, b, c), keys(a, b, c), SIGNED, List.of(sign(a), sign(b)));
    assertEquals(Set.of(a.keyId(), b.keyId()), result.signedKeyIds());
    assertEquals(Set.of(c.keyId()), result.unsignedKeyIds());
    assertEquals(2, result.verifiedCount());
  }

  @Test
  void belowThresholdCarriesRoleThresholdAndCount() throws Exception {
    UnsignedMetadataException e =
        assertThrows(
            UnsignedMetadataException.class,
            () ->
                check.require(
                    "snapshot",
                    role(3, a, b, c),
                    keys(a, b, c),
                    SIGNED,
                    List.of(sign(a), sign(c))));
    assertEquals("snapshot", e.role());
    assertEquals(3, e.threshold());
    assertEquals(2, e.verified());
  }

  @Test
  void aKeyIdNamedTwiceIsACallersBugNotOneVote() throws Exception {
    // Parsed metadata never gets here with a repeated key id (MetadataCodec refuses it as
    // malformed).
    Signature sig = sign(a);
    Signature bad = new Signature(a.keyId(), "00".repeat(64));
    assertThrows(
        IllegalArgumentException.class,
        () -> check.check(role(1, a), keys(a), SIGNED, List.of(sig, sig)));
    assertThrows(
        IllegalArgumentException.class,
        () -> check.check(role(1, a), keys(a), SIGNED, List.of(bad, sig)));
  }

  @Test
  void unknownAndUnauthorisedKeyIdsAreIgnored() throws Exception {
    SigningKey outsider = KeyPairs.generate(KeyScheme.ED25519);
    // outsider is a known key (e.g. of another role) but not authorised for this one;
    // "ab12" is authorised but has no key; c signed but is unknown to the key map.
    RoleKeys roleKeys = new RoleKeys(List.of(a.keyId(), "ab12", c.keyId()), 2);
    VerificationResult result =
        check.check(
            roleKeys,
            keys(a, outsider),
            SIGNED,
            List.of(
                sign(outsider),
                new Signature("ab12", "00"),
                new Signature("nothex", "zz"),
                sign(c),
                sign(a)));
    assertEquals(Set.of(a.keyId()), result.signedKeyIds());
    assertEquals(Set.of("ab12", c.keyId()), result.unsignedKeyIds());
    assertFalse(result.isVerified());
  }

  @Test
  void unsupportedSchemeIsIgnoredWithoutException() throws Exception {
    Key foo = new Key("ed25519", "foo", a.publicKey().publicValue());
    Key bogus = new Key("rsa", "rsassa-pss-sha256", "not a pem");
    Map<String, Key> keys = new LinkedHashMap<>();
    keys.put("foo-id", foo);
    keys.put("bogus-id", bogus);
    keys.put(b.keyId(), b.publicKey());
    Signature validBytesUnderFoo = new Signature("foo-id", sign(a).sig());
    VerificationResult result =
        check.check(
            new RoleKeys(List.of("foo-id", "bogus-id", b.keyId()), 1),
            keys,
            SIGNED,
            List.of(validBytesUnderFoo, new Signature("bogus-id", "00"), sign(b)));
    assertEquals(Set.of(b.keyId()), result.signedKeyIds());
  }

  @Test
  void badHexAndBadSignaturesAreIgnored() throws Exception {
    String good = sign(a).sig();
    List<String> junk =
        List.of(
            "not hex",
            good.substring(1),
            "",
            good.substring(0, 126) + (good.endsWith("0") ? "1" : "0"));
    for (String sig : junk) {
      VerificationResult result =
          check.check(
              role(1, a, b),
              keys(a, b),
              SIGNED,
              List.of(new Signature(a.keyId(), sig), new Signature(b.keyId(), good)));
      assertEquals(0, result.verifiedCount(), sig);
      assertEquals(Set.of(a.keyId(), b.keyId()), result.unsignedKeyIds());
    }
  }

  @Test
  void uppercaseHexSignatureIsAccepted() throws Exception {
    Signature upper = new Signature(a.keyId(), sign(a).sig().toUpperCase(java.util.Locale.ROOT));
    assertTrue(check.check(role(1, a), keys(a), SIGNED, List.of(upper)).isVerified());
  }

  @Test
  void sameKeyUnderTwoKeyIdsCountsOnce() throws Exception {
    // The same ECDSA key, listed with the current and the legacy keytype: two different key ids.
    Key legacy = new Key("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256", b.publicKey().publicValue());
    assertNotEquals(b.keyId(), legacy.keyId());
    Map<String, Key> keys = new LinkedHashMap<>(keys(b, a));
    keys.put(legacy.keyId(), legacy);
    RoleKeys roleKeys = new RoleKeys(List.of(b.keyId(), legacy.keyId(), a.keyId()), 2);
    Signature sig = sign(b);
    UnsignedMetadataException e =
        assertThrows(
            UnsignedMetadataException.class,
            () ->
                check.require(
                    "root",
                    roleKeys,
                    keys,
                    SIGNED,
                    List.of(sig, new Signature(legacy.keyId(), sig.sig()))));
    assertEquals(1, e.verified());

    // An arbitrary key id string for the same Ed25519 key does not count twice either.
    Map<String, Key> aliased = new LinkedHashMap<>(keys(a, c));
    aliased.put("alias", a.publicKey());
    VerificationResult result =
        check.check(
            new RoleKeys(List.of(a.keyId(), "alias", c.keyId()), 2),
            aliased,
            SIGNED,
            List.of(sign(a), new Signature("alias", sign(a).sig())));
    assertEquals(Set.of(a.keyId()), result.signedKeyIds());
    assertFalse(result.isVerified());
  }

  @Test
  void mixedSchemes() throws Exception {
    SigningKey rsa =
        PrivateKeys.read(resource("/fixtures/keys/rsa-2048-traditional.pem"), Optional.empty());
    VerificationResult result =
        check.require(
            "root",
            role(3, a, b, rsa),
            keys(a, b, rsa),
            SIGNED,
            List.of(sign(rsa), sign(b), sign(a)));
    assertEquals(Set.of(rsa.keyId(), b.keyId(), a.keyId()), result.signedKeyIds());
  }

  @Test
  void signaturesOverOtherBytesDoNotCount() throws Exception {
    Signature sig = Signatures.sign(a, Bytes.wrap("{}".getBytes(StandardCharsets.UTF_8)));
    assertFalse(check.check(role(1, a), keys(a), SIGNED, List.of(sig)).isVerified());
  }

  @Test
  void noSignaturesAtAll() throws Exception {
    UnsignedMetadataException e =
        assertThrows(
            UnsignedMetadataException.class,
            () -> check.require("timestamp", role(1, a), keys(a), SIGNED, List.of()));
    assertEquals(0, e.verified());
  }

  @Test
  void usesTheVerifierFactoryItIsGiven() throws Exception {
    ThresholdCheck alwaysFails =
        new ThresholdCheck(
            key ->
                (data, sig) -> {
                  throw new SignatureInvalidException(key.keyId(), "always fails");
                });
    assertFalse(alwaysFails.check(role(1, a), keys(a), SIGNED, List.of(sign(a))).isVerified());
    ThresholdCheck unsupported =
        new ThresholdCheck(
            key -> {
              throw new dev.keel.tuf.error.KeyException(
                  dev.keel.tuf.error.KeyException.Reason.UNSUPPORTED, "no");
            });
    assertFalse(unsupported.check(role(1, a), keys(a), SIGNED, List.of(sign(a))).isVerified());
  }

  private static Signature sign(SigningKey key) throws Exception {
    return Signatures.sign(key, SIGNED);
  }

  private static RoleKeys role(int threshold, SigningKey... keys) {
    List<String> ids = new ArrayList<>();
    for (SigningKey k : keys) {
      ids.add(k.keyId());
    }
    return new RoleKeys(ids, threshold);
  }

  private static Map<String, Key> keys(SigningKey... keys) {
    Map<String, Key> map = new LinkedHashMap<>();
    for (SigningKey k : keys) {
      map.put(k.keyId(), k.publicKey());
    }
    return map;
  }

  private static Envelope<Root> bottlerocketRoot() throws Exception {
    try (InputStream in =
        ThresholdCheckTest.class.getResourceAsStream("/fixtures/expired-root.json")) {
      return MetadataCodec.root(in.readAllBytes(), "expired-root.json");
    }
  }

  private static Path resource(String name) throws Exception {
    return Path.of(ThresholdCheckTest.class.getResource(name).toURI());
  }
}
