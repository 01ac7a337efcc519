"""The counter's camera loop for QR codes (kakanai.qr.camera), for the ui's QR dialog. A module of its own,
imported only when the camera is opened: OpenCV is not loaded at start-up."""

from kakanai.qr.camera import CameraCallbacks, CameraReader, OpenCvCamera

__all__ = ["CameraCallbacks", "CameraReader", "OpenCvCamera"]
