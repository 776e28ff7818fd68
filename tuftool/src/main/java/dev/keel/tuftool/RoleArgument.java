package dev.keel.tuftool;

import dev.keel.tuf.model.RoleType;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A top-level role on the command line, by its metadata name ({@code root}, {@code snapshot}, ...),
 * for parsing and completion.
 */
final class RoleArgument implements ITypeConverter<RoleType>, Iterable<String> {
  @Override
  public RoleType convert(String name) {
    return RoleType.fromJsonName(name)
        .orElseThrow(
            () ->
                new TypeConversionException(
                    "unknown role '" + name + "': use root, snapshot, targets or timestamp"));
  }

  @Override
  public Iterator<String> iterator() {
    return Arrays.stream(RoleType.values()).map(RoleType::jsonName).iterator();
  }
}
