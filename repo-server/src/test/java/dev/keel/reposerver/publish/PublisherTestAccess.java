package dev.keel.reposerver.publish;

import dev.keel.reposerver.TestData;

/** Builds typical release requests for tests in other packages. */
public final class PublisherTestAccess {
  private PublisherTestAccess() {}

  public static PublishRequest release(TestData data, String version) throws Exception {
    return PublisherTest.request(
        TestData.REPO,
        version,
        data.upload("boot " + version),
        data.upload("root " + version),
        data.upload("hash " + version),
        PublishRequest.namedWaves("default"),
        TestData.T0);
  }
}
