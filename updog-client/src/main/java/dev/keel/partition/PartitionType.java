package dev.keel.partition;

import java.util.Arrays;
import java.util.Optional;

/**
 * The partition types of a Bottlerocket OS disk (spec §4.1), with the labels the image build gives
 * them.
 */
public enum PartitionType {
  BIOS_BOOT("21686148-6449-6e6f-744e-656564454649", "BIOS-BOOT"),
  EFI_SYSTEM("c12a7328-f81f-11d2-ba4b-00a0c93ec93b", "EFI-SYSTEM"),
  EFI_BACKUP("b39ce39c-0a00-b4ab-2d11-f18f8237a21c", "EFI-BACKUP"),
  /** "hack the planet!": the type GRUB's gptprio.next scans for. */
  BOOT("6b636168-7420-6568-2070-6c616e657421", "BOTTLEROCKET-BOOT"),
  ROOT("5526016a-1a97-4ea4-b39a-b7c8c6ca4502", "BOTTLEROCKET-ROOT"),
  HASH("598f10af-c955-4456-6a99-7720068a6cea", "BOTTLEROCKET-HASH"),
  RESERVED("0c5d99a5-d331-4147-baef-08e2b855bdc9", "BOTTLEROCKET-RESERVED"),
  PRIVATE("440408bb-eb0b-4328-a6e5-a29038fad706", "BOTTLEROCKET-PRIVATE"),
  /** "bottledtharmarks"; labelled at first boot, so the image leaves the name empty. */
  DATA("626f7474-6c65-6474-6861-726d61726b73", "");

  private final Guid guid;
  private final String label;

  PartitionType(String guid, String label) {
    this.guid = Guid.parse(guid);
    this.label = label;
  }

  public Guid guid() {
    return guid;
  }

  /** The GPT name the image build uses; banked types add {@code -A} or {@code -B}. */
  public String label() {
    return label;
  }

  public static Optional<PartitionType> of(Guid type) {
    return Arrays.stream(values()).filter(t -> t.guid.equals(type)).findFirst();
  }
}
