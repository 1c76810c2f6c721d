import CLibPQ

/// Streams bytes into a running `COPY … FROM STDIN`. Valid only inside `copyIn`'s body.
public struct PostgresCopyWriter {
    fileprivate let connection: PostgresConnection

    /// Sends `bytes` (any chunking; rows may span calls).
    /// The corresponding C function is `PQputCopyData`.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count > 0 else { return }
        var offset = 0
        // PQputCopyData takes an Int32 length; large buffers go in slices.
        while offset < bytes.count {
            let length = min(bytes.count - offset, 1 << 30)
            let sent = PQputCopyData(
                connection.handle, bytes.baseAddress!.advanced(by: offset).assumingMemoryBound(to: CChar.self), Int32(length))
            guard sent == 1 else { throw connection.failure(nil) }
            offset += length
        }
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }
}

extension PostgresConnection {
    /// Runs `sql` (a `COPY … FROM STDIN`), lets `body` stream the data, and returns the number
    /// of rows the server loaded. If `body` throws, the COPY is aborted on the server (nothing is
    /// loaded) and the error is rethrown; a server-side failure (bad data, constraint) is thrown
    /// as `statementFailed` once the data is complete.
    /// The corresponding C functions are `PQputCopyData`, `PQputCopyEnd` and `PQgetResult`.
    @discardableResult
    public func copyIn(_ sql: String, _ body: (PostgresCopyWriter) throws -> Void) throws -> Int {
        try startCopy(sql, expecting: PGRES_COPY_IN)
        let writer = PostgresCopyWriter(connection: self)
        do {
            try body(writer)
        } catch {
            _ = PQputCopyEnd(handle, "rxpipe aborted the COPY: \(error)")
            _ = try? finishCommand()
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else { throw failure(nil) }
        return try finishCommand()
    }

    /// Runs `sql` (a `COPY … TO STDOUT`) and hands each chunk of data to `consume` (libpq gives
    /// one row per chunk; the binary header and trailer ride along). Returns the row count.
    /// If `consume` throws, the query is cancelled and the error rethrown.
    /// The corresponding C function is `PQgetCopyData`.
    @discardableResult
    public func copyOut(_ sql: String, _ consume: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        try startCopy(sql, expecting: PGRES_COPY_OUT)
        var buffer: UnsafeMutablePointer<CChar>?
        while true {
            let length = PQgetCopyData(handle, &buffer, 0)
            if length == -1 { break }
            guard length > 0, let data = buffer else { throw drainAfterFailure() }
            defer { PQfreemem(data) }
            do {
                try consume(UnsafeRawBufferPointer(start: data, count: Int(length)))
            } catch {
                cancelRunningQuery()
                throw error
            }
        }
        return try finishCommand()
    }
}

extension PostgresConnection {
    private func startCopy(_ sql: String, expecting status: ExecStatusType) throws {
        guard let result = PQexec(handle, sql) else { throw failure(nil) }
        defer { PQclear(result) }
        guard PQresultStatus(result) == status else {
            let error = failure(result)
            _ = try? finishCommand()
            throw error
        }
    }

    /// Collects the results that follow a COPY; returns PQcmdTuples of the last one.
    private func finishCommand() throws -> Int {
        var firstError: PostgresError?
        var count = 0
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            let status = PQresultStatus(result)
            if status == PGRES_COMMAND_OK {
                count = Int(String(cString: PQcmdTuples(result))) ?? 0
            } else if status == PGRES_COPY_IN {
                // Still in COPY IN after an error: end it so the connection is usable again.
                _ = PQputCopyEnd(handle, "rxpipe aborted the COPY")
            } else if status == PGRES_COPY_OUT {
                var buffer: UnsafeMutablePointer<CChar>?
                while PQgetCopyData(handle, &buffer, 0) > 0 { PQfreemem(buffer) }
            } else if firstError == nil {
                firstError = failure(result)
            }
        }
        if let firstError { throw firstError }
        return count
    }

    private func drainAfterFailure() -> PostgresError {
        let fallback = failure(nil)
        do {
            _ = try finishCommand()
        } catch let error as PostgresError {
            return error
        } catch {}
        return fallback
    }

    /// Asks the server to stop the running query, then discards what is still in flight.
    /// The corresponding C functions are `PQgetCancel` and `PQcancel`.
    private func cancelRunningQuery() {
        if let cancel = PQgetCancel(handle) {
            var message = [CChar](repeating: 0, count: 256)
            _ = PQcancel(cancel, &message, Int32(message.count))
            PQfreeCancel(cancel)
        }
        var buffer: UnsafeMutablePointer<CChar>?
        while PQgetCopyData(handle, &buffer, 0) > 0 { PQfreemem(buffer) }
        _ = try? finishCommand()
    }
}
