// The reference for bench/client: tuf-js's Updater does what `bin/tuf-client download` does, one
// refresh (root chain, timestamp, snapshot, targets) and one target download through its
// delegations, in a metadata directory that holds only the trusted root.json.
// usage: node client.js METADATA_DIR METADATA_URL TARGET_DIR TARGET_BASE_URL TARGET_NAME
'use strict';
const { Updater } = require('tuf-js');

async function main([metadataDir, metadataBaseUrl, targetDir, targetBaseUrl, targetName]) {
  const updater = new Updater({ metadataDir, metadataBaseUrl, targetDir, targetBaseUrl });
  await updater.refresh();
  const info = await updater.getTargetInfo(targetName);
  if (!info) {
    throw new Error(`target ${targetName} not found`);
  }
  const path = (await updater.findCachedTarget(info)) ?? (await updater.downloadTarget(info));
  console.log(path);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`tuf-js client: ${error.message}`);
  process.exit(1);
});
