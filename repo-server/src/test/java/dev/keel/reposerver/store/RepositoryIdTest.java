package dev.keel.reposerver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryIdTest {
  @ParameterizedTest
  @ValueSource(strings = {"targets", "uploads", "staging", "work"})
  void theStoresOwnFolderNamesAreNotVariants(String variant) {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> RepositoryId.of(variant, "x86_64"));
    assertEquals(true, e.getMessage().contains("reserved"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", ".hidden", "a/b", "", "-x"})
  void pathsCannotHideInNames(String variant) {
    assertThrows(InvalidRequestException.class, () -> RepositoryId.of(variant, "x86_64"));
  }
}
