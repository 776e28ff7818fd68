package dev.keel.tuf.crypto;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.KeyException.Reason;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.PBEParametersGenerator;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * PKCS#5 PBES2 with PBKDF2 for {@code ENCRYPTED PRIVATE KEY} files (RFC 8018), as {@code openssl
 * pkcs8 -topk8 -v2} writes them: PBKDF2 with HMAC-SHA-1/224/256/384/512 and a CBC cipher from
 * {@link KeyCipher}. PBES1, PKCS#12 PBE and scrypt are not supported.
 */
final class Pbes2 {
  private static final int SALT_BYTES = 16;

  private Pbes2() {}

  /**
   * Decrypts {@code encrypted} with {@code passphrase}.
   *
   * @throws KeyException {@link Reason#UNSUPPORTED} for another scheme, PRF or cipher; {@link
   *     Reason#WRONG_PASSPHRASE} if the result is not a private key
   */
  static PrivateKeyInfo decrypt(EncryptedPrivateKeyInfo encrypted, char[] passphrase, String source)
      throws KeyException {
    AlgorithmIdentifier scheme = encrypted.getEncryptionAlgorithm();
    if (!PKCSObjectIdentifiers.id_PBES2.equals(scheme.getAlgorithm())) {
      throw new KeyException(
          Reason.UNSUPPORTED,
          source
              + ": unsupported key encryption "
              + scheme.getAlgorithm()
              + " (only PBES2 with PBKDF2)");
    }
    PBES2Parameters parameters = PBES2Parameters.getInstance(scheme.getParameters());
    KeyDerivationFunc kdf = parameters.getKeyDerivationFunc();
    if (!PKCSObjectIdentifiers.id_PBKDF2.equals(kdf.getAlgorithm())) {
      throw new KeyException(
          Reason.UNSUPPORTED,
          source + ": unsupported key derivation " + kdf.getAlgorithm() + " (only PBKDF2)");
    }
    PBKDF2Params pbkdf2 = PBKDF2Params.getInstance(kdf.getParameters());
    EncryptionScheme encryption = parameters.getEncryptionScheme();
    KeyCipher cipher =
        KeyCipher.byOid(encryption.getAlgorithm())
            .orElseThrow(
                () ->
                    new KeyException(
                        Reason.UNSUPPORTED,
                        source + ": unsupported key cipher " + encryption.getAlgorithm()));
    BigInteger keyLength = pbkdf2.getKeyLength();
    if (keyLength != null && keyLength.intValue() != cipher.keyBytes()) {
      throw new KeyException(
          Reason.MALFORMED,
          source + ": PBKDF2 key length " + keyLength + " does not fit " + cipher);
    }
    byte[] key = pbkdf2(passphrase, pbkdf2, cipher, source);
    byte[] iv = ASN1OctetString.getInstance(encryption.getParameters()).getOctets();
    try {
      return PrivateKeyInfo.getInstance(cipher.apply(false, key, iv, encrypted.getEncryptedData()));
    } catch (InvalidCipherTextException | RuntimeException e) {
      throw new KeyException(
          Reason.WRONG_PASSPHRASE, source + ": wrong passphrase or corrupt key", e);
    }
  }

  /** Encrypts {@code info} with AES-256-CBC under PBKDF2-HMAC-SHA256 with a random salt and IV. */
  static EncryptedPrivateKeyInfo encrypt(
      PrivateKeyInfo info, char[] passphrase, int iterations, SecureRandom random) {
    KeyCipher cipher = KeyCipher.AES_256_CBC;
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] iv = new byte[cipher.ivBytes()];
    random.nextBytes(iv);
    PBKDF2Params pbkdf2 =
        new PBKDF2Params(
            salt,
            iterations,
            new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE));
    try {
      byte[] key = pbkdf2(passphrase, pbkdf2, cipher, "new key");
      byte[] data = cipher.apply(true, key, iv, info.getEncoded(ASN1Encoding.DER));
      PBES2Parameters parameters =
          new PBES2Parameters(
              new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, pbkdf2),
              new EncryptionScheme(cipher.oid(), new DEROctetString(iv)));
      return new EncryptedPrivateKeyInfo(
          new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, parameters), data);
    } catch (KeyException | InvalidCipherTextException | IOException e) {
      // Our own PRF and cipher, padding on encryption, an in-memory encoding: none can fail.
      throw new IllegalStateException(e);
    }
  }

  private static byte[] pbkdf2(
      char[] passphrase, PBKDF2Params parameters, KeyCipher cipher, String source)
      throws KeyException {
    PKCS5S2ParametersGenerator generator =
        new PKCS5S2ParametersGenerator(prf(parameters.getPrf().getAlgorithm(), source));
    generator.init(
        PBEParametersGenerator.PKCS5PasswordToUTF8Bytes(passphrase),
        parameters.getSalt(),
        parameters.getIterationCount().intValueExact());
    return ((KeyParameter) generator.generateDerivedParameters(cipher.keyBytes() * 8)).getKey();
  }

  /** The digest of PBKDF2's HMAC pseudo-random function. */
  private static Digest prf(ASN1ObjectIdentifier prf, String source) throws KeyException {
    if (PKCSObjectIdentifiers.id_hmacWithSHA1.equals(prf)) {
      return new SHA1Digest();
    } else if (PKCSObjectIdentifiers.id_hmacWithSHA224.equals(prf)) {
      return new SHA224Digest();
    } else if (PKCSObjectIdentifiers.id_hmacWithSHA256.equals(prf)) {
      return new SHA256Digest();
    } else if (PKCSObjectIdentifiers.id_hmacWithSHA384.equals(prf)) {
      return new SHA384Digest();
    } else if (PKCSObjectIdentifiers.id_hmacWithSHA512.equals(prf)) {
      return new SHA512Digest();
    }
    throw new KeyException(Reason.UNSUPPORTED, source + ": unsupported PBKDF2 PRF " + prf);
  }
}
