package dev.keel.tuf.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.tuf.transport.ProxySettings.Address;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxySettingsTest {

  @ParameterizedTest
  @CsvSource({
    "http://proxy.corp:3128, proxy.corp, 3128",
    "proxy.corp:3128, proxy.corp, 3128",
    "HTTP://Proxy.corp:3128/, Proxy.corp, 3128",
    "http://proxy.corp, proxy.corp, 80",
    "proxy.corp, proxy.corp, 80",
    "'  10.0.0.1:8080  ', 10.0.0.1, 8080",
    "http://[fd00::1]:3128, fd00::1, 3128",
  })
  void parsesProxyValues(String value, String host, int port) {
    assertEquals(new Address(host, port), Address.parse(value));
  }

  @Test
  void rejectsWhatItCannotHonour() {
    assertThrows(IllegalArgumentException.class, () -> Address.parse("socks5://proxy:1080"));
    assertThrows(IllegalArgumentException.class, () -> Address.parse("https://proxy:443"));
    assertThrows(IllegalArgumentException.class, () -> Address.parse("http://proxy:port"));
    assertThrows(IllegalArgumentException.class, () -> Address.parse("http://proxy:70000"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ProxySettings.fromEnvironment(
                    Map.of("HTTPS_PROXY", "http://user:secret@proxy:3128")));
    assertTrue(e.getMessage().startsWith("HTTPS_PROXY: "), e.getMessage());
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
  }

  @Test
  void picksTheVariableForTheScheme() {
    ProxySettings p =
        ProxySettings.fromEnvironment(Map.of("HTTPS_PROXY", "secure:1", "HTTP_PROXY", "plain:2"));

    assertEquals(Optional.of(new Address("secure", 1)), p.proxyFor(URI.create("https://repo/x")));
    assertEquals(Optional.of(new Address("plain", 2)), p.proxyFor(URI.create("http://repo/x")));
    assertEquals(Optional.empty(), p.proxyFor(URI.create("file:///x")));
  }

  @Test
  void lowerCaseWinsAndEmptyCountsAsUnset() {
    ProxySettings p =
        ProxySettings.fromEnvironment(
            Map.of(
                "https_proxy",
                "lower:1",
                "HTTPS_PROXY",
                "upper:2",
                "http_proxy",
                "",
                "HTTP_PROXY",
                "upper:3"));

    assertEquals(Optional.of(new Address("lower", 1)), p.httpsProxy());
    assertEquals(Optional.of(new Address("upper", 3)), p.httpProxy());
  }

  @Test
  void noVariablesMeansDirect() {
    ProxySettings p = ProxySettings.fromEnvironment(Map.of("PATH", "/bin"));

    assertEquals(ProxySettings.none(), p);
    assertEquals(Optional.empty(), p.proxyFor(URI.create("https://repo/x")));
  }

  @ParameterizedTest
  @CsvSource({
    // no_proxy, host, port, bypassed
    "example.com, example.com, 443, true",
    "example.com, updates.example.com, 443, true",
    "example.com, a.b.example.com, 443, true",
    "example.com, notexample.com, 443, false",
    "example.com, example.com.evil, 443, false",
    ".example.com, example.com, 443, true",
    ".example.com, updates.example.com, 443, true",
    "*.example.com, updates.example.com, 443, true",
    "EXAMPLE.com, Updates.Example.COM, 443, true",
    "example.com., example.com, 443, true",
    "example.com, example.com., 443, true",
    "*, anything.at.all, 80, true",
    "'localhost, 127.0.0.1', 127.0.0.1, 80, true",
    "'localhost , 127.0.0.1', localhost, 80, true",
    "127.0.0.1, 127.0.0.10, 80, false",
    "10.0.0.1, 110.0.0.1, 80, false",
    "example.com:8443, example.com, 8443, true",
    "example.com:8443, example.com, 443, false",
    "::1, [::1], 80, true",
    "[::1]:8080, ::1, 8080, true",
    "[::1]:8080, ::1, 80, false",
    "'', example.com, 443, false",
    "',,', example.com, 443, false",
  })
  void noProxyMatching(String noProxy, String host, int port, boolean bypassed) {
    ProxySettings p =
        ProxySettings.fromEnvironment(Map.of("HTTPS_PROXY", "proxy:3128", "NO_PROXY", noProxy));

    assertEquals(bypassed, p.bypasses(host, port));
  }

  @Test
  void noProxyAppliesToUrlsWithDefaultPorts() {
    ProxySettings p =
        ProxySettings.fromEnvironment(
            Map.of("https_proxy", "proxy:3128", "no_proxy", "internal.corp:443,.local"));

    assertEquals(Optional.empty(), p.proxyFor(URI.create("https://repo.internal.corp/x")));
    assertEquals(
        Optional.of(new Address("proxy", 3128)),
        p.proxyFor(URI.create("https://repo.internal.corp:8443/x")));
    assertEquals(Optional.empty(), p.proxyFor(URI.create("https://box.local:8443/x")));
    assertEquals(
        Optional.of(new Address("proxy", 3128)), p.proxyFor(URI.create("https://updates.aws/x")));
  }
}
