package dev.keel.tuf.client;

import dev.keel.tuf.model.TargetFile;
import dev.keel.tuf.model.TargetPath;

/**
 * A target found through the delegation walk: its path, signed description and the role that listed
 * it.
 */
public record TargetInfo(TargetPath path, TargetFile file, String role) {}
