"""Start moto's server with DynamoDB requests serialized.

moto's TransactWriteItems deep-copies every table it touches and restores the copies when a
transaction is cancelled, wiping writes that other request threads made meanwhile. Real DynamoDB
is isolated, so we take one lock around every DynamoDB (and DynamoDB Streams) request; other
services stay concurrent. Prints "READY <port>" once listening (port 0 picks a free one).
"""
import argparse
import copy
import logging
import os
import signal
import sys
import threading
import time
from collections import defaultdict

import moto.dynamodb.models as dynamodb_models
from moto.dynamodb.exceptions import TransactionCanceledException
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import make_server

from emulator_snapshot import SnapshotEndpoint

DYNAMODB_TARGET_PREFIXES = ("DynamoDB_20120810.", "DynamoDBStreams_20120810.")


class SerializeDynamoDB:
    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        if not target.startswith(DYNAMODB_TARGET_PREFIXES):
            return self.app(environ, start_response)
        with self.lock:
            # Materialise the body inside the lock: the backend works while it is produced.
            return list(self.app(environ, start_response))


def keep_stream_shards_on_rollback() -> None:
    """A cancelled transaction restores deep copies of its tables, stream shard included: open stream
    iterators would keep reading the abandoned shard (with the cancelled writes' records) and miss every
    later record. Put the live shard back, without the cancelled records, as real DynamoDB behaves."""
    transact_write_items = DynamoDBBackend.transact_write_items

    def transact_write_items_keeping_shards(self, transact_items):
        shards = {
            name: (table, table.stream_shard, len(table.stream_shard.items))
            for name, table in self.tables.items()
            if table.stream_shard is not None
        }
        try:
            return transact_write_items(self, transact_items)
        except Exception:
            for name, (live_table, shard, length) in shards.items():
                restored = self.tables.get(name)
                if restored is not None and restored is not live_table:
                    del shard.items[length:]
                    shard.table = restored
                    restored.stream_shard = shard
            raise

    DynamoDBBackend.transact_write_items = transact_write_items_keeping_shards


class TransactionSnapshots:
    """moto backs up a transaction's tables with copy.deepcopy of every item, so a transaction's cost
    grows with the table. Its writes touch only the keys it names: snapshot the table's structure
    shallowly and deep-copy just those items. Requests are serialized, so one slot suffices."""

    def __init__(self) -> None:
        self.touched: dict[str, set] = {}

    def deepcopy(self, value, memo=None):
        if isinstance(value, Table) and value.name in self.touched:
            return self.snapshot(value, self.touched[value.name])
        return copy.deepcopy(value, memo)

    def __getattr__(self, name):
        return getattr(copy, name)

    @staticmethod
    def snapshot(table: Table, keys: set) -> Table:
        clone = copy.copy(table)
        if table.has_range_key:
            clone.items = defaultdict(dict, {h: dict(ranges) for h, ranges in table.items.items()})
            for hash_value, range_value in keys:
                item = table.items.get(hash_value, {}).get(range_value)
                if item is not None:
                    clone.items[hash_value][range_value] = copy.deepcopy(item)
        else:
            clone.items = defaultdict(dict, table.items)
            for hash_value, _ in keys:
                if hash_value in table.items:
                    clone.items[hash_value] = copy.deepcopy(table.items[hash_value])
        return clone

    def keys_of(self, backend, transact_items) -> dict[str, set]:
        touched: dict[str, set] = {}
        for transact_item in transact_items:
            operation, body = next(iter(transact_item.items()))
            attributes = body["Item"] if operation == "Put" else body["Key"]
            key = item_key(backend, body.get("TableName"), attributes)
            if key is not None:
                touched.setdefault(key[0], set()).add(key[1:])
        return touched


def item_key(backend, table_name, attributes):
    """(table, hash value, range value) of the item `attributes` address; None for an unknown table."""
    table = backend.tables.get(table_name)
    if table is None:
        return None
    hash_value = DynamoType(attributes[table.hash_key_attr])
    range_attr = table.range_key_attr
    range_value = DynamoType(attributes[range_attr]) if range_attr and range_attr in attributes else None
    return (table.name, hash_value, range_value)


def cheap_transaction_backups() -> None:
    snapshots = TransactionSnapshots()
    dynamodb_models.copy = snapshots
    transact_write_items = DynamoDBBackend.transact_write_items

    def transact_write_items_with_snapshots(self, transact_items):
        try:
            snapshots.touched = snapshots.keys_of(self, transact_items)
        except Exception:
            snapshots.touched = {}  # malformed request: let moto reject it with full copies
        try:
            return transact_write_items(self, transact_items)
        finally:
            snapshots.touched = {}

    DynamoDBBackend.transact_write_items = transact_write_items_with_snapshots


class ContendedTransactions:
    """Test switch (--transaction-conflict-window-ms N): a TransactWriteItems that touches an item
    written less than N ms before is cancelled with a TransactionConflict reason for that item, an
    approximation of DynamoDB cancelling transactions that overlap on a hot item. moto never cancels
    for contention, so without this the store's conflict handling is never exercised. Off by default."""

    def __init__(self, window_ms: float) -> None:
        self.window = window_ms / 1000
        self.written: dict[tuple, float] = {}  # item key -> monotonic time of its last committed write
        self.in_transaction = False

    def recent(self, key, now: float) -> bool:
        return key is not None and now - self.written.get(key, float("-inf")) < self.window

    def record(self, keys) -> None:
        now = time.monotonic()
        if len(self.written) > 10_000:  # forget what no longer conflicts
            self.written = {key: at for key, at in self.written.items() if now - at < self.window}
        for key in keys:
            if key is not None:
                self.written[key] = now

    def install(self) -> None:
        contended = self
        transact_write_items = DynamoDBBackend.transact_write_items

        def transact_write_items_contended(backend, transact_items):
            operations = [next(iter(transact_item.items())) for transact_item in transact_items]
            try:
                keys = [item_key(backend, body.get("TableName"), body["Item"] if op == "Put" else body["Key"]) for op, body in operations]
            except Exception:
                keys = []  # malformed request: let moto reject it
            now = time.monotonic()
            conflicts = [contended.recent(key, now) for key in keys]
            if any(conflicts):
                raise TransactionCanceledException(
                    [("TransactionConflict", "Transaction is ongoing for the item", None) if hit else (None, None, None) for hit in conflicts]
                )
            contended.in_transaction = True
            try:
                result = transact_write_items(backend, transact_items)
            finally:
                contended.in_transaction = False
            contended.record(key for key, (op, _) in zip(keys, operations) if op != "ConditionCheck")
            return result

        DynamoDBBackend.transact_write_items = transact_write_items_contended
        for name, key_argument in (("put_item", "item_attrs"), ("update_item", "key"), ("delete_item", "key")):
            setattr(DynamoDBBackend, name, self.recording(getattr(DynamoDBBackend, name), key_argument))

    def recording(self, write, key_argument: str):
        """Wraps a single-item write so it stamps the item's last write (a transaction stamps its own)."""
        contended = self

        def recorded_write(backend, table_name, *args, **kwargs):
            result = write(backend, table_name, *args, **kwargs)
            if not contended.in_transaction:
                attributes = kwargs[key_argument] if key_argument in kwargs else args[0]
                contended.record([item_key(backend, table_name, attributes)])
            return result

        return recorded_write


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--transaction-conflict-window-ms", type=float, default=0)
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no per-request access log

    cheap_transaction_backups()
    keep_stream_shards_on_rollback()
    if args.transaction_conflict_window_ms > 0:
        ContendedTransactions(args.transaction_conflict_window_ms).install()
    app = DomainDispatcherApplication(create_backend_app)
    serialized = SerializeDynamoDB(app)
    server = make_server(args.host, args.port, SnapshotEndpoint(serialized, serialized.lock), threaded=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    # Exit with the parent: it holds our stdin open and it closes when the parent dies, however it dies.
    def exit_when_parent_goes() -> None:
        sys.stdin.read()
        os._exit(0)

    threading.Thread(target=exit_when_parent_goes, daemon=True).start()
    print(f"READY {server.port}", flush=True)
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
