package dev.keel.tuf.crypto;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keel.tuf.error.SignatureInvalidException;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.Test;

class EcdsaP256VerifierTest {
  private static final byte[] DATA = "{\"_type\":\"snapshot\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void roundTrip() throws Exception {
    SigningKey key = KeyPairs.generate(KeyScheme.ECDSA_P256);
    Verifiers.forKey(key.publicKey()).verify(DATA, key.sign(DATA));
  }

  @Test
  void tamperedDataFails() throws Exception {
    SigningKey key = KeyPairs.generate(KeyScheme.ECDSA_P256);
    byte[] sig = key.sign(DATA);
    byte[] tampered = DATA.clone();
    tampered[0] ^= 1;
    assertThrows(
        SignatureInvalidException.class,
        () -> Verifiers.forKey(key.publicKey()).verify(tampered, sig));
  }

  @Test
  void tamperedSignatureFails() throws Exception {
    SigningKey key = KeyPairs.generate(KeyScheme.ECDSA_P256);
    Verifier verifier = Verifiers.forKey(key.publicKey());
    byte[] sig = key.sign(DATA);
    byte[] tampered = sig.clone();
    tampered[sig.length - 1] ^= 1;
    assertThrows(SignatureInvalidException.class, () -> verifier.verify(DATA, tampered));
  }

  @Test
  void wrongKeyFails() throws Exception {
    SigningKey signer = KeyPairs.generate(KeyScheme.ECDSA_P256);
    SigningKey other = KeyPairs.generate(KeyScheme.ECDSA_P256);
    assertThrows(
        SignatureInvalidException.class,
        () -> Verifiers.forKey(other.publicKey()).verify(DATA, signer.sign(DATA)));
  }

  @Test
  void malformedDerFailsClosed() throws Exception {
    SigningKey key = KeyPairs.generate(KeyScheme.ECDSA_P256);
    Verifier verifier = Verifiers.forKey(key.publicKey());
    byte[] sig = key.sign(DATA);
    assertThrows(SignatureInvalidException.class, () -> verifier.verify(DATA, new byte[0]));
    assertThrows(SignatureInvalidException.class, () -> verifier.verify(DATA, new byte[] {0x30}));
    assertThrows(
        SignatureInvalidException.class,
        () -> verifier.verify(DATA, "garbage".getBytes(StandardCharsets.US_ASCII)));
    assertThrows(
        SignatureInvalidException.class,
        () -> verifier.verify(DATA, Arrays.copyOf(sig, sig.length + 1)));
    assertThrows(
        SignatureInvalidException.class,
        () -> verifier.verify(DATA, Arrays.copyOf(sig, sig.length - 1)));
    assertThrows(
        SignatureInvalidException.class,
        () -> verifier.verify(DATA, new byte[64])); // raw r||s, not DER
  }

  @Test
  void nonStrictDerEncodingIsRejected() throws Exception {
    SigningKey key = KeyPairs.generate(KeyScheme.ECDSA_P256);
    Verifier verifier = Verifiers.forKey(key.publicKey());
    byte[] sig = key.sign(DATA);
    verifier.verify(DATA, sig);
    // Same r and s, but the SEQUENCE length in long form (BER, not DER).
    ByteArrayOutputStream ber = new ByteArrayOutputStream();
    ber.write(0x30);
    ber.write(0x81);
    ber.write(sig[1]);
    ber.write(sig, 2, sig.length - 2);
    assertThrows(SignatureInvalidException.class, () -> verifier.verify(DATA, ber.toByteArray()));
  }

  @Test
  void outOfRangeScalarsFail() throws Exception {
    SigningKey key = KeyPairs.generate(KeyScheme.ECDSA_P256);
    Verifier verifier = Verifiers.forKey(key.publicKey());
    ASN1Sequence seq = ASN1Sequence.getInstance(key.sign(DATA));
    BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
    BigInteger n = P256.DOMAIN.getN();
    for (BigInteger[] rs :
        new BigInteger[][] {
          {BigInteger.ZERO, r}, {r, BigInteger.ZERO}, {r.add(n), r}, {BigInteger.ONE.negate(), r}
        }) {
      byte[] der =
          new DERSequence(new ASN1Integer[] {new ASN1Integer(rs[0]), new ASN1Integer(rs[1])})
              .getEncoded();
      assertThrows(SignatureInvalidException.class, () -> verifier.verify(DATA, der));
    }
  }
}
