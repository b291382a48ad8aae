import CLibical
import Foundation

/// The one owner of a libical component tree the writers build: it creates the root, takes ownership of
/// every child and property added below it, serializes it, and frees the whole tree exactly once, when it
/// goes away (as GRDB's `Statement` owns its `sqlite3_stmt`). No writer calls `icalcomponent_new` or
/// `icalcomponent_free` itself; a pointer handed to the tree is never touched again by the caller.
final class ComponentTree {
    /// The root component: valid as long as the tree lives.
    let root: ComponentNode

    /// A tree with an empty root of `kind`. Wraps `icalcomponent_new`.
    init(_ kind: icalcomponent_kind) {
        // icalcomponent_new fails only when memory runs out.
        root = ComponentNode(pointer: icalcomponent_new(kind)!)
    }

    deinit {
        // Frees the root and everything added below it.
        icalcomponent_free(root.pointer)
    }

    /// The tree as iCalendar text: CRLF line endings, 75-octet folding and escaping as libical writes them.
    /// Wraps `icalcomponent_as_ical_string_r` (its buffer is the caller's to free, so it is freed here).
    func serialized() -> String {
        guard let text = icalcomponent_as_ical_string_r(root.pointer) else { return "" }
        defer { free(text) }
        return String(cString: text)
    }
}

/// A component inside a `ComponentTree`, borrowed from it: the tree owns and frees it.
struct ComponentNode {
    let pointer: OpaquePointer

    /// Adds `property`, which the component (and so the tree) owns from here on. Wraps `icalcomponent_add_property`.
    func add(_ property: OpaquePointer?) {
        // A constructor that failed (nil: only when memory runs out) is refused by libical with an error, as before.
        icalcomponent_add_property(pointer, property)
    }

    /// Creates a child of `kind`, lets `build` fill it, then adds it below this component, which owns it from
    /// then on. Wraps `icalcomponent_new` and `icalcomponent_add_component`.
    func addChild(_ kind: icalcomponent_kind, _ build: (ComponentNode) -> Void) {
        let child = ComponentNode(pointer: icalcomponent_new(kind)!)
        build(child)
        icalcomponent_add_component(pointer, child.pointer)
    }

    /// Adds a component built elsewhere (a cloned VTIMEZONE: never an uncloned one, which its zone still owns —
    /// that would be freed twice); this component owns it from here on. Wraps `icalcomponent_add_component`.
    func adopt(_ component: OpaquePointer) {
        icalcomponent_add_component(pointer, component)
    }
}
