package dev.keel.tuf.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keel.tuf.error.KeyException;
import dev.keel.tuf.error.KeyException.Reason;
import org.junit.jupiter.api.Test;

class PublicKeyPemTest {
  // keyval.public of the RSA key in Bottlerocket's migrator-tests/expired-root.json
  static final String BOTTLEROCKET_PEM =
      "-----BEGIN PUBLIC KEY-----\n"
          + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA7LU2gyhDDc7jglt2h3+q\n"
          + "3+pHUprpe5hX2W4yE8NlM3U7EQRjiyd9doyXGAanBMd8IyqS3Q2ehuo2TZ5aVUFh\n"
          + "+s/ZboEj+VMNPwPYhRv4QnNT79/kFsA5z0jMDFxCr3+IT2NFJv9GV+83PFVrvTZX\n"
          + "NeqIZiAT/EJDENn7wS8p8G+eC/XkUcyA5kWxHXDdBgs+Xd+nXkh2v/8/lFKDJ+A4\n"
          + "ZlF9cIuAiWB7vNRMg29bhsLreD3F73O7iJCaFfg3I9EpofVUWWNZg4VM6Mmjksav\n"
          + "FneTgjXTN9wPnNTjCBrUGwChLklBtInm+9C5iIfEoysqKZSwjeF9gchOANBlu7PD\n"
          + "xwIDAQAB\n"
          + "-----END PUBLIC KEY-----";

  @Test
  void encodesExactlyAsToughWrites() throws Exception {
    assertEquals(BOTTLEROCKET_PEM, PublicKeyPem.encode(PublicKeyPem.decode(BOTTLEROCKET_PEM)));
    assertEquals(
        BOTTLEROCKET_PEM, PublicKeyPem.encode(PublicKeyPem.decode(BOTTLEROCKET_PEM + "\n")));
  }

  @Test
  void rejectsAnythingButOnePublicKeyBlock() {
    String body =
        BOTTLEROCKET_PEM.substring(
            BOTTLEROCKET_PEM.indexOf('\n'), BOTTLEROCKET_PEM.lastIndexOf('\n') + 1);
    for (String pem :
        new String[] {
          "",
          "garbage",
          BOTTLEROCKET_PEM + "\n" + BOTTLEROCKET_PEM,
          "-----BEGIN RSA PUBLIC KEY-----" + body + "-----END RSA PUBLIC KEY-----",
          "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----",
          BOTTLEROCKET_PEM.replace("xwIDAQAB", "xwIDAQABAA==")
        }) {
      KeyException e = assertThrows(KeyException.class, () -> PublicKeyPem.decode(pem));
      assertEquals(Reason.MALFORMED, e.reason());
    }
  }
}
