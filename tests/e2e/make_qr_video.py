#!/usr/bin/python3
"""Writes a Y4M video for chromium's fake camera: a blank lead-in, then a QR code image.

Usage: make_qr_video.py QR.png OUT.y4m [--lead-in S] [--show S] [--fps N] [--size WxH]

Chromium plays the file in a loop, so every loop shows the code appearing anew after the
lead-in; the scanner sees it leave the frame in between, which makes each loop one scan.
"""
import argparse

from PIL import Image


def yuv420(image):
    ycc = image.convert("YCbCr")
    y, cb, cr = ycc.split()
    half = (image.width // 2, image.height // 2)
    return y.tobytes() + cb.resize(half, Image.BILINEAR).tobytes() + cr.resize(half, Image.BILINEAR).tobytes()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("png")
    p.add_argument("out")
    p.add_argument("--lead-in", type=float, default=1.5)
    p.add_argument("--show", type=float, default=1.0)
    p.add_argument("--fps", type=int, default=30)
    p.add_argument("--size", default="640x480")
    a = p.parse_args()
    w, h = (int(v) for v in a.size.split("x"))
    blank = Image.new("RGB", (w, h), (235, 235, 228))
    frame = blank.copy()
    qr = Image.open(a.png).convert("RGB")
    side = int(min(w, h) * 0.8)
    qr = qr.resize((side, side), Image.NEAREST)
    frame.paste(qr, ((w - side) // 2, (h - side) // 2))
    blank_bytes, qr_bytes = yuv420(blank), yuv420(frame)
    with open(a.out, "wb") as f:
        f.write(f"YUV4MPEG2 W{w} H{h} F{a.fps}:1 Ip A1:1 C420jpeg\n".encode())
        for i in range(round((a.lead_in + a.show) * a.fps)):
            f.write(b"FRAME\n")
            f.write(blank_bytes if i < round(a.lead_in * a.fps) else qr_bytes)


if __name__ == "__main__":
    main()
