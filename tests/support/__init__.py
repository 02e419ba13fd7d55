"""What the tests share: builders, paths, the app helpers, snapshots, the server helpers."""
