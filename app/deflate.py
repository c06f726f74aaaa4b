"""Own how a connection's frames are compressed (permessage-deflate, which every browser offers).

simple-websocket accepts it with wsproto's defaults: zlib's level 6 for every reply, and both
sides' compression state kept for the life of the connection (the server's compressor ~256 KiB,
its decompressor ~40 KiB). A class of browsers then cost ~310 KiB a session instead of ~80
(benchmarks/capacity.py, and `--no-deflate` to compare). Here neither side keeps a context:

- each reply is compressed on its own (`server_no_context_takeover`), by a compressor made for it
  and freed after it, so an open session holds no compressor at all. The price is bytes on small
  replies (a 2–2–1 forward reply's 2.5 KB go as ~1.1 KB instead of ~250 bytes; an update's
  11.8 KB as 7.4 KB instead of 5.1 KB), not time (benchmarks/compression.py);
- replies go at zlib's fastest level (1): half to four fifths of level 6's time for 2–6 % more bytes;
- the client is asked the same (`client_no_context_takeover`): a student's messages are a few
  bytes each, and our decompressor is made for each one and freed after it;
- a client's message is inflated no further than the frame limit allows: wsproto inflates all it
  is given, and deflate packs up to ~1,000 bytes in one, so one 4 KiB read of spaces made ~4 MiB
  of text before anything counted it. One byte past the limit, the message is refused (1009);
- an offer with a malformed parameter is declined, not answered 500.
"""
import zlib

from wsproto.extensions import PerMessageDeflate
from wsproto.frame_protocol import CloseReason, Opcode

LEVEL = zlib.Z_BEST_SPEED


class LeanDeflate(PerMessageDeflate):
    """wsproto's permessage-deflate at zlib's fastest level, with no context kept on either side."""

    def __init__(self, max_message_bytes=None):
        """`max_message_bytes`: how far a client's message may inflate (None: no bound)."""
        super().__init__(client_no_context_takeover=True, server_no_context_takeover=True)
        self.max_message_bytes, self.inflated = max_message_bytes, 0

    def accept(self, offer):
        """Our terms for a well-formed offer; None (declined: the connection goes on without
        compression, as RFC 7692 asks) for one whose window size is not a number, where wsproto
        raised out of the handshake and the upgrade was answered 500."""
        try:
            return super().accept(offer)
        except ValueError:
            return None

    def frame_inbound_header(self, proto, opcode, rsv, payload_length):
        if self._inbound_compressed is None:  # a message begins
            self.inflated = 0
        return super().frame_inbound_header(proto, opcode, rsv, payload_length)

    def frame_inbound_payload_data(self, proto, data):
        if not self._inbound_compressed or not self._inbound_is_compressible:
            return data
        # ≥ 1: one byte past the limit tells (0 would be zlib's "no bound")
        room = self.max_message_bytes + 1 - self.inflated if self.max_message_bytes else 0
        try:
            text = self._decompressor.decompress(bytes(data), room)
        except zlib.error:
            return CloseReason.INVALID_FRAME_PAYLOAD_DATA
        return self._counted(text)

    def frame_inbound_complete(self, proto, fin):
        rest = super().frame_inbound_complete(proto, fin)
        return rest if rest is None or isinstance(rest, CloseReason) else self._counted(rest)

    def _counted(self, text):
        self.inflated += len(text)
        if self.max_message_bytes and self.inflated > self.max_message_bytes:
            return CloseReason.MESSAGE_TOO_BIG
        return text

    def frame_outbound(self, proto, opcode, rsv, data, fin):
        if self._compressor is None and opcode in (Opcode.TEXT, Opcode.BINARY):
            # wsproto would make one at zlib's default level; this one is made as it would be
            # but for the level (the window the client allowed, the default memory level).
            self._compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -int(self.server_max_window_bits))
        return super().frame_outbound(proto, opcode, rsv, data, fin)
