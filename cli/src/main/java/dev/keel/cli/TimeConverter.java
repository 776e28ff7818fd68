package dev.keel.cli;

import java.time.Clock;
import java.time.Instant;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The picocli converter for {@link TimeArgument}: RFC 3339, {@code now}, or {@code in 7 days},
 * relative to the clock the tool was given. Register it with {@code
 * commandLine.registerConverter(Instant.class, new TimeConverter(clock))}.
 */
public final class TimeConverter implements ITypeConverter<Instant> {
  private final Clock clock;

  public TimeConverter(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Instant convert(String value) {
    try {
      return TimeArgument.parse(value, clock);
    } catch (UsageException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
