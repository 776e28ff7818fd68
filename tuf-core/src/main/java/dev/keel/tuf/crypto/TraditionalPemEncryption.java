package dev.keel.tuf.crypto;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.KeyException.Reason;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.PBEParametersGenerator;
import org.bouncycastle.crypto.generators.OpenSSLPBEParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.encoders.Hex;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * OpenSSL's encryption of the traditional key forms ({@code BEGIN RSA PRIVATE KEY}, {@code BEGIN EC
 * PRIVATE KEY}): a {@code Proc-Type: 4,ENCRYPTED} header, a {@code DEK-Info: CIPHER,IV} header, and
 * a key derived from the passphrase and the IV's first 8 bytes with OpenSSL's {@code
 * EVP_BytesToKey} (MD5, one iteration).
 */
final class TraditionalPemEncryption {
  private static final int SALT_BYTES = 8;

  private TraditionalPemEncryption() {}

  static boolean isEncrypted(PemObject block) {
    return header(block, "Proc-Type")
        .filter(value -> value.replace(" ", "").equals("4,ENCRYPTED"))
        .isPresent();
  }

  /**
   * The decrypted DER content of an encrypted block.
   *
   * @throws KeyException {@link Reason#MALFORMED} without a usable {@code DEK-Info}, {@link
   *     Reason#UNSUPPORTED} for a cipher {@link KeyCipher} lacks, {@link Reason#WRONG_PASSPHRASE}
   *     if the padding does not check out
   */
  static byte[] decrypt(PemObject block, char[] passphrase, String source) throws KeyException {
    String dekInfo =
        header(block, "DEK-Info")
            .orElseThrow(
                () ->
                    new KeyException(
                        Reason.MALFORMED, source + ": encrypted PEM without a DEK-Info header"));
    int comma = dekInfo.indexOf(',');
    if (comma < 0) {
      throw new KeyException(Reason.MALFORMED, source + ": DEK-Info is not CIPHER,IV: " + dekInfo);
    }
    String name = dekInfo.substring(0, comma).strip();
    KeyCipher cipher =
        KeyCipher.byOpenSslName(name)
            .orElseThrow(
                () ->
                    new KeyException(
                        Reason.UNSUPPORTED, source + ": unsupported PEM cipher " + name));
    byte[] iv;
    try {
      iv = Hex.decode(dekInfo.substring(comma + 1).strip());
    } catch (RuntimeException e) {
      throw new KeyException(Reason.MALFORMED, source + ": DEK-Info IV is not hexadecimal", e);
    }
    if (iv.length != cipher.ivBytes()) {
      throw new KeyException(
          Reason.MALFORMED,
          source
              + ": DEK-Info IV has "
              + iv.length
              + " bytes, "
              + name
              + " needs "
              + cipher.ivBytes());
    }
    OpenSSLPBEParametersGenerator generator = new OpenSSLPBEParametersGenerator();
    generator.init(
        PBEParametersGenerator.PKCS5PasswordToUTF8Bytes(passphrase), Arrays.copyOf(iv, SALT_BYTES));
    byte[] key =
        ((KeyParameter) generator.generateDerivedParameters(cipher.keyBytes() * 8)).getKey();
    try {
      return cipher.apply(false, key, iv, block.getContent());
    } catch (InvalidCipherTextException e) {
      throw new KeyException(
          Reason.WRONG_PASSPHRASE, source + ": wrong passphrase or corrupt key", e);
    }
  }

  private static Optional<String> header(PemObject block, String name) {
    for (Object header : block.getHeaders()) {
      if (header instanceof PemHeader pemHeader && pemHeader.getName().equalsIgnoreCase(name)) {
        return Optional.of(pemHeader.getValue());
      }
    }
    return Optional.empty();
  }
}
