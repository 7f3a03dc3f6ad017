"""One QObject per open report: undo stack, modified flag, validation debounce, autosave timer.

QtCore (and QUndoStack from QtGui) only; never QtWidgets.
"""
