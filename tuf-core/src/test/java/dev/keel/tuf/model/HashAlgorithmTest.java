package dev.keel.tuf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HashAlgorithmTest {
  @Test
  void knownAnswers() {
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        HashAlgorithm.SHA256.hex(abc));
    assertEquals(
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
        HashAlgorithm.SHA512.hex(abc));
  }

  @Test
  void namesAreTufNames() {
    assertEquals(Optional.of(HashAlgorithm.SHA512), HashAlgorithm.fromTufName("sha512"));
    assertEquals(Optional.empty(), HashAlgorithm.fromTufName("SHA-256"));
  }
}
