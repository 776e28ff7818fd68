package dev.keel.tuf.crypto;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.KeyException.Reason;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * The PEM SubjectPublicKeyInfo form of {@code keyval.public} for RSA and ECDSA keys. Writes exactly
 * what tough and securesystemslib write: 64-character base64 lines and no trailing newline.
 */
final class PublicKeyPem {
  private static final String TYPE = "PUBLIC KEY";
  private static final String BEGIN = "-----BEGIN " + TYPE + "-----";
  private static final String END = "-----END " + TYPE + "-----";

  private PublicKeyPem() {}

  /**
   * Decodes one {@code PUBLIC KEY} PEM block (surrounding whitespace allowed).
   *
   * @throws KeyException ({@link Reason#MALFORMED}) if it is not exactly one well-formed block
   */
  static SubjectPublicKeyInfo decode(String pem) throws KeyException {
    String trimmed = pem.strip();
    if (!trimmed.startsWith(BEGIN) || !trimmed.endsWith(END)) {
      throw new KeyException(Reason.MALFORMED, "public key is not a '" + TYPE + "' PEM block");
    }
    try (PemReader reader = new PemReader(new StringReader(trimmed))) {
      PemObject object = reader.readPemObject();
      if (object == null || !TYPE.equals(object.getType()) || reader.readPemObject() != null) {
        throw new KeyException(
            Reason.MALFORMED, "public key PEM must hold exactly one '" + TYPE + "' block");
      }
      return SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(object.getContent()));
    } catch (IOException | RuntimeException e) {
      throw new KeyException(
          Reason.MALFORMED, "public key PEM is not a valid SubjectPublicKeyInfo", e);
    }
  }

  /** The PEM text of {@code info}, without a trailing newline. */
  static String encode(SubjectPublicKeyInfo info) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(der(info));
    return BEGIN + "\n" + body + "\n" + END;
  }

  /** The DER encoding of {@code info}. */
  static byte[] der(SubjectPublicKeyInfo info) {
    try {
      return info.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      // Encoding an in-memory structure does no IO.
      throw new IllegalStateException(e);
    }
  }
}
