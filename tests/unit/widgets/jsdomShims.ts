// What jsdom lacks and the widgets use: DragEvent (@lumino/dragdrop extends it when loaded)
// and scrollIntoView (the cell list keeps the focused row in view).
if (typeof (globalThis as any).DragEvent === 'undefined') {
  (globalThis as any).DragEvent = class DragEvent extends MouseEvent {};
}
if (!Element.prototype.scrollIntoView) {
  Element.prototype.scrollIntoView = () => undefined;
}
