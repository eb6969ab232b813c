"""A consistent copy of DynamoDB tables (and their stream records) in one request.

The local stack keeps the store's data across restarts by snapshotting the tables. Scanning them one
after another through the API lets an order commit between two scans (it then restores as units sold
that the inventory never lost). `POST /_storefront/snapshot` copies every table it names while holding
the lock that serializes DynamoDB requests (see serialized_moto.py), so no write runs meanwhile and the
copy is one moment of the store.

Body: {"region": "us-east-1", "tables": ["name", ...], "streams": ["name", ...]}
Answer: {"tables": {"name": [item, ...]}, "streams": {"name": [stream record, ...]}} in DynamoDB JSON;
a table that does not exist is left out.
"""
import json

from moto.dynamodb.models import dynamodb_backends
from moto.dynamodb.models.utilities import dynamo_json_dump

SNAPSHOT_PATH = "/_storefront/snapshot"


def find_table(region: str, name: str):
    for account_id in list(dynamodb_backends.keys()):
        table = dynamodb_backends[account_id][region].tables.get(name)
        if table is not None:
            return table
    return None


def copy_tables(request: dict) -> dict:
    region = request.get("region", "us-east-1")
    tables = {}
    streams = {}
    for name in request.get("tables", []):
        table = find_table(region, name)
        if table is not None:
            tables[name] = [item.to_json()["Attributes"] for item in table.all_items()]
    for name in request.get("streams", []):
        table = find_table(region, name)
        if table is not None and table.stream_shard is not None:
            streams[name] = [record.record for record in table.stream_shard.items]
    return {"tables": tables, "streams": streams}


class SnapshotEndpoint:
    """WSGI middleware answering SNAPSHOT_PATH under `lock`; every other request goes to `app`."""

    def __init__(self, app, lock):
        self.app = app
        self.lock = lock

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") != SNAPSHOT_PATH or environ.get("REQUEST_METHOD") != "POST":
            return self.app(environ, start_response)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        request = json.loads(environ["wsgi.input"].read(length) or b"{}")
        with self.lock:
            body = dynamo_json_dump(copy_tables(request)).encode("utf-8")
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]
