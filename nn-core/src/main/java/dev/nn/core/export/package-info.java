/**
 * Models that leave nn: {@link dev.nn.core.export.ModelExport} writes a saved model as an ONNX graph or a
 * NumPy archive that computes what {@link dev.nn.core.model.Model#predict} computes. The encodings (the
 * protocol buffers of ONNX, the .npy header) are written here by hand: they are a handful of fields, and nn
 * takes no dependency for them.
 */
package dev.nn.core.export;
