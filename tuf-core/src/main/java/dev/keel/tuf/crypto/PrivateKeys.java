package dev.keel.tuf.crypto;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.KeyException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Reads and writes private keys as PEM (and reads binary PKCS#8, as tough does).
 *
 * <p>Reads: PKCS#8 ({@code BEGIN PRIVATE KEY}), encrypted PKCS#8 ({@code BEGIN ENCRYPTED PRIVATE
 * KEY}, PBES2 with PBKDF2 and an AES or 3DES CBC cipher, as OpenSSL writes it; not PBES1, PKCS#12
 * PBE or scrypt), and the traditional OpenSSL forms {@code BEGIN RSA PRIVATE KEY} (what {@code
 * tuftool root gen-rsa-key} and {@code openssl genrsa -traditional} write) and {@code BEGIN EC
 * PRIVATE KEY} (optionally preceded by {@code EC PARAMETERS}, optionally encrypted with {@code
 * Proc-Type}/{@code DEK-Info} headers, AES-CBC or DES-EDE3-CBC). {@link #read} also takes a binary
 * (DER) unencrypted PKCS#8 file, the form tough expects for Ed25519 and ECDSA keys. A passphrase
 * given for an unencrypted key is ignored.
 *
 * <p>Writes: PKCS#8, optionally encrypted with AES-256-CBC under a PBKDF2-HMAC-SHA256 key ({@value
 * #PBKDF2_ITERATIONS} iterations, random salt and IV).
 *
 * <p>Everything goes through Bouncy Castle's lightweight API (ASN.1 structures, {@code crypto}
 * engines, {@code util.io.pem}): constructing its JCA provider costs a command hundreds of
 * milliseconds of start-up, and nothing here needs one.
 */
public final class PrivateKeys {
  /** PBKDF2-HMAC-SHA256 iterations for newly encrypted keys (OWASP 2023 guidance). */
  public static final int PBKDF2_ITERATIONS = 600_000;

  private static final String PRIVATE_KEY = "PRIVATE KEY";
  private static final String ENCRYPTED_PRIVATE_KEY = "ENCRYPTED PRIVATE KEY";
  private static final byte DER_SEQUENCE = 0x30;

  private PrivateKeys() {}

  /**
   * Reads a private key file.
   *
   * @throws KeyException {@link Reason#IO} if the file cannot be read; otherwise as {@link
   *     #fromPem}, with the file named in the message
   */
  public static SigningKey read(Path file, Optional<char[]> passphrase) throws KeyException {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new KeyException(Reason.IO, file + ": cannot read key file", e);
    }
    if (content.length > 0 && content[0] == DER_SEQUENCE) {
      return fromDer(content, file.toString());
    }
    return fromPem(new String(content, StandardCharsets.US_ASCII), passphrase, file.toString());
  }

  /**
   * Parses an unencrypted binary (DER) PKCS#8 private key, the form tough reads Ed25519 and ECDSA
   * keys in.
   *
   * @throws KeyException as {@link #fromPem}
   */
  public static SigningKey fromDer(byte[] der, String source) throws KeyException {
    PrivateKeyInfo info;
    try {
      info = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
    } catch (IOException | RuntimeException e) {
      throw new KeyException(Reason.MALFORMED, source + ": not a DER PKCS#8 private key", e);
    }
    return signingKey(info, source);
  }

  /**
   * Parses a PEM private key.
   *
   * @param source names the key in messages, e.g. a file name or "PEM"
   * @throws KeyException {@link Reason#MALFORMED} if no private key can be decoded, {@link
   *     Reason#PASSPHRASE_REQUIRED} for an encrypted key without a passphrase, {@link
   *     Reason#WRONG_PASSPHRASE} if decryption fails, {@link Reason#UNSUPPORTED} for a key
   *     algorithm, curve or cipher we do not support, {@link Reason#KEY_SIZE} for RSA outside
   *     2048..8192 bits
   */
  public static SigningKey fromPem(String pem, Optional<char[]> passphrase, String source)
      throws KeyException {
    try (PemReader reader = new PemReader(new StringReader(pem))) {
      ASN1Encodable ecParameters = null;
      PemObject block;
      while ((block = reader.readPemObject()) != null) {
        if (block.getType().equals("EC PARAMETERS")) {
          // Before "EC PRIVATE KEY", as openssl ecparam -genkey writes it.
          ecParameters = ASN1Primitive.fromByteArray(block.getContent());
          continue;
        }
        return signingKey(privateKeyInfo(block, ecParameters, passphrase, source), source);
      }
    } catch (IOException | RuntimeException e) {
      throw new KeyException(Reason.MALFORMED, source + ": not a readable PEM private key", e);
    }
    throw new KeyException(Reason.MALFORMED, source + ": no PEM private key found");
  }

  /** The key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}), with a trailing newline. */
  public static String toPem(SigningKey key) throws KeyException {
    return pem(PRIVATE_KEY, privateKeyInfo(key));
  }

  /**
   * The key as encrypted PKCS#8 PEM ({@code BEGIN ENCRYPTED PRIVATE KEY}): PBES2 with
   * PBKDF2-HMAC-SHA256 and AES-256-CBC, readable by OpenSSL.
   */
  public static String toEncryptedPem(SigningKey key, char[] passphrase) throws KeyException {
    return pem(
        ENCRYPTED_PRIVATE_KEY,
        Pbes2.encrypt(privateKeyInfo(key), passphrase, PBKDF2_ITERATIONS, new SecureRandom()));
  }

  /**
   * Writes the key to a new file readable only by its owner (where the file system has POSIX
   * permissions), encrypted if a passphrase is given. Never overwrites.
   *
   * @throws KeyException ({@link Reason#IO}) if the file exists or cannot be written
   */
  public static void write(Path file, SigningKey key, Optional<char[]> passphrase)
      throws KeyException {
    String pem = passphrase.isPresent() ? toEncryptedPem(key, passphrase.get()) : toPem(key);
    try {
      createOwnerOnly(file);
    } catch (FileAlreadyExistsException e) {
      throw new KeyException(Reason.IO, file + ": key file already exists", e);
    } catch (IOException e) {
      throw new KeyException(Reason.IO, file + ": cannot create key file", e);
    }
    try (OutputStream out =
        Files.newOutputStream(
            file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      out.write(pem.getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      // Never leave an empty or partial key file behind: it would block every retry.
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // The write failure is what the caller needs to see.
      }
      throw new KeyException(Reason.IO, file + ": cannot write key file", e);
    }
  }

  private static void createOwnerOnly(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      FileAttribute<?> ownerOnly =
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
      Files.createFile(file, ownerOnly);
    } else {
      Files.createFile(file);
    }
  }

  private static PrivateKeyInfo privateKeyInfo(
      PemObject block, ASN1Encodable ecParameters, Optional<char[]> passphrase, String source)
      throws KeyException, IOException {
    switch (block.getType()) {
      case PRIVATE_KEY:
        return PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(block.getContent()));
      case ENCRYPTED_PRIVATE_KEY:
        EncryptedPrivateKeyInfo encrypted =
            EncryptedPrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(block.getContent()));
        return Pbes2.decrypt(encrypted, requirePassphrase(passphrase, source), source);
      case "RSA PRIVATE KEY":
        return new PrivateKeyInfo(
            new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
            RSAPrivateKey.getInstance(traditionalContent(block, passphrase, source)));
      case "EC PRIVATE KEY":
        ECPrivateKey ec = ECPrivateKey.getInstance(traditionalContent(block, passphrase, source));
        ASN1Encodable curve =
            ec.getParametersObject() != null ? ec.getParametersObject() : ecParameters;
        if (curve == null) {
          throw new KeyException(Reason.MALFORMED, source + ": EC private key names no curve");
        }
        return new PrivateKeyInfo(
            new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), ec);
      case "PUBLIC KEY":
      case "RSA PUBLIC KEY":
        throw new KeyException(
            Reason.MALFORMED, source + ": holds a public key, not a private key");
      default:
        throw new KeyException(
            Reason.UNSUPPORTED,
            source + ": PEM block is not a private key (" + block.getType() + ")");
    }
  }

  /** The DER structure of a traditional OpenSSL key block, decrypted if it is encrypted. */
  private static ASN1Primitive traditionalContent(
      PemObject block, Optional<char[]> passphrase, String source)
      throws KeyException, IOException {
    if (!TraditionalPemEncryption.isEncrypted(block)) {
      return ASN1Primitive.fromByteArray(block.getContent());
    }
    byte[] der =
        TraditionalPemEncryption.decrypt(block, requirePassphrase(passphrase, source), source);
    try {
      return ASN1Primitive.fromByteArray(der);
    } catch (IOException | RuntimeException e) {
      // The padding checked out by chance: still the wrong passphrase.
      throw new KeyException(
          Reason.WRONG_PASSPHRASE, source + ": wrong passphrase or corrupt key", e);
    }
  }

  private static char[] requirePassphrase(Optional<char[]> passphrase, String source)
      throws KeyException {
    return passphrase.orElseThrow(
        () ->
            new KeyException(
                Reason.PASSPHRASE_REQUIRED,
                source + ": key is encrypted and no passphrase was given"));
  }

  private static SigningKey signingKey(PrivateKeyInfo info, String source) throws KeyException {
    AsymmetricKeyParameter key;
    try {
      key = PrivateKeyFactory.createKey(info);
    } catch (IOException | RuntimeException e) {
      throw new KeyException(
          Reason.MALFORMED,
          source
              + ": private key of type "
              + info.getPrivateKeyAlgorithm().getAlgorithm()
              + " does not decode",
          e);
    }
    if (key instanceof Ed25519PrivateKeyParameters ed25519) {
      return new Ed25519KeySigner(ed25519);
    }
    if (key instanceof ECPrivateKeyParameters ec) {
      return EcdsaP256KeySigner.of(ec, source);
    }
    if (key instanceof RSAPrivateCrtKeyParameters rsa) {
      return RsaPssKeySigner.of(rsa, source);
    }
    throw new KeyException(
        Reason.UNSUPPORTED,
        source
            + ": unsupported private key algorithm "
            + info.getPrivateKeyAlgorithm().getAlgorithm());
  }

  private static PrivateKeyInfo privateKeyInfo(SigningKey key) throws KeyException {
    try {
      if (key.privateKeyParameters() instanceof Ed25519PrivateKeyParameters ed25519) {
        // Version 1 (seed only), as openssl genpkey writes it: OpenSSL 3.0 cannot read the
        // version 2 form with the public key that Bouncy Castle would write.
        return new PrivateKeyInfo(
            Ed25519Verifier.ALGORITHM, new DEROctetString(ed25519.getEncoded()));
      }
      return PrivateKeyInfoFactory.createPrivateKeyInfo(key.privateKeyParameters());
    } catch (IOException e) {
      throw new KeyException(
          Reason.MALFORMED, "cannot encode key " + key.keyId() + " as PKCS#8", e);
    }
  }

  private static String pem(String type, ASN1Object structure) throws KeyException {
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      writer.writeObject(new PemObject(type, structure.getEncoded(ASN1Encoding.DER)));
    } catch (IOException e) {
      throw new KeyException(Reason.MALFORMED, "cannot encode private key as PEM", e);
    }
    return out.toString();
  }
}
