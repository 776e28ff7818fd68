/**
 * The Bottlerocket update manifest and the pure logic around it, shared by the repo server (which
 * writes manifest.json), updog (which selects an update) and the migrator (which plans migrations).
 *
 * <ul>
 *   <li>Model: {@link dev.keel.manifest.Manifest}, {@link dev.keel.manifest.Update}, {@link
 *       dev.keel.manifest.Images}, {@link dev.keel.manifest.MigrationKey}, {@link
 *       dev.keel.manifest.SemVer}, {@link dev.keel.manifest.VersionLock}.
 *   <li>Publisher inputs: {@link dev.keel.manifest.WavePolicy}, {@link
 *       dev.keel.manifest.NamedWavePolicy}, {@link dev.keel.manifest.ExpirationPolicy}, {@link
 *       dev.keel.manifest.ReleaseConfig}.
 *   <li>Host-side logic: {@link dev.keel.manifest.Wave}, {@link dev.keel.manifest.UpdateSelector},
 *       {@link dev.keel.manifest.MigrationPlanner}.
 *   <li>Errors: the sealed, checked {@link dev.keel.manifest.ManifestException} family.
 * </ul>
 *
 * <p>Nothing here reads files, the network or the clock: callers pass bytes, text and an {@link
 * java.time.Instant}.
 */
package dev.keel.manifest;
