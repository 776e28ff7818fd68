package dev.keel.reposerver.http;

import io.netty.util.AsciiString;

/** The response header names the server writes on every file response, encoded once. */
final class HeaderName {
  static final CharSequence DATE = new AsciiString("Date");
  static final CharSequence ETAG = new AsciiString("ETag");
  static final CharSequence LAST_MODIFIED = new AsciiString("Last-Modified");
  static final CharSequence CACHE_CONTROL = new AsciiString("Cache-Control");
  static final CharSequence ACCEPT_RANGES = new AsciiString("Accept-Ranges");
  static final CharSequence CONTENT_TYPE = new AsciiString("Content-Type");
  static final CharSequence CONTENT_LENGTH = new AsciiString("Content-Length");

  private HeaderName() {}
}
