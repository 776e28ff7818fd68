package dev.keel.tuftool;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A repository location on the command line: a URL ({@code file}, {@code http}, {@code https}), or
 * a local path.
 */
final class UrlArgument implements ITypeConverter<URI> {
  @Override
  public URI convert(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new TypeConversionException("not a URL: '" + text + "'");
    }
    if (uri.getScheme() == null) {
      return Path.of(text).toAbsolutePath().toUri();
    }
    return switch (uri.getScheme()) {
      case "file", "http", "https" -> uri;
      default ->
          throw new TypeConversionException(
              "unsupported URL scheme '" + uri.getScheme() + "': use file, http or https");
    };
  }
}
