import Foundation
import RxCore

/// `CanonicalJSON` with the error typed for the runs module.
public enum JSONCoding {
    public static func encode<T: Encodable>(_ value: T) throws(RunError) -> Data {
        do {
            return try CanonicalJSON.encode(value)
        } catch {
            throw .io(path: "(json)", reason: "\(error)")
        }
    }
}
