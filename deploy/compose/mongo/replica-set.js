// mongosh script of the one-shot `mongo-init` service: make the three members the replica set
// `rs0` (only once: a set already initiated is left as it is), then wait until it has a primary,
// so provisioning finds a writable database.
const members = ["mongo1:27017", "mongo2:27017", "mongo3:27017"].map((host, i) => ({ _id: i, host }));
const PRIMARY_WAIT_S = 120;

try {
  rs.status();
  print("replica set rs0 already initiated");
} catch (error) {
  if (error.codeName !== "NotYetInitialized") {
    throw error;
  }
  rs.initiate({ _id: "rs0", members });
  print("replica set rs0 initiated");
}

for (let waited = 0; waited < PRIMARY_WAIT_S; waited++) {
  if (rs.status().members.some((member) => member.stateStr === "PRIMARY")) {
    print("replica set rs0 has a primary");
    quit(0);
  }
  sleep(1000);
}
print(`replica set rs0 has no primary after ${PRIMARY_WAIT_S} s`);
quit(1);
