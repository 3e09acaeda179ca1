import Yams

/// A mapping whose keys were checked. Lookups of required keys report what is missing.
/// Public with `Field`, whose `mapping()` returns it.
package struct MappingField {
    let parent: Field
    let entries: [(key: String, keyMark: Mark?, value: Field)]

    /// The value, if the key is there (its value may be null).
    package subscript(key: String) -> Field? {
        entries.first { $0.key == key }.map { $0.value }
    }

    func keyMark(_ key: String) -> Mark? { entries.first { $0.key == key }?.keyMark }

    /// The value, or a "required field is missing" report (at the mapping) and nil.
    package func required(_ key: String, hint: String? = nil) -> Field? {
        if let value = self[key], !value.isNull { return value }
        let path = parent.path.isEmpty ? key : "\(parent.path).\(key)"
        parent.reader.report(at: keyMark(key) ?? parent.mark, field: path, "required field is missing", hint: hint)
        return nil
    }
}
