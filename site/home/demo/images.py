"""Abstract demo images drawn with Pillow: no downloads, no licences, the same pixels every run.

An image is described by a style (circles, waves, blocks, arcs, or a portrait silhouette), a
palette and a size. The random choices (positions, radii, angles) are seeded with the image's key,
so a rebuilt demo gets the same pictures.
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

HERO_SIZE = (1600, 900)
PORTRAIT_SIZE = (600, 600)

# Each palette: two background colours (gradient from/to) and two accent colours.
PALETTES = {
    "petrol": ("#0f4c5c", "#3f8f8f", "#e9d8a6", "#ee9b00"),
    "mos": ("#2d4a3e", "#7a9e7e", "#f1e3c8", "#c8553d"),
    "nacht": ("#1d3557", "#457b9d", "#f1faee", "#e76f51"),
    "oker": ("#6b4f3a", "#c9a66b", "#f4ecd8", "#2f6f6e"),
    "aubergine": ("#3d2c4e", "#8e6c8a", "#f2e6df", "#e0a458"),
}

# Dutch words for the image titles, which double as alt text.
PALETTE_WORDS = {
    "petrol": "petrol en zand",
    "mos": "mosgroen en roest",
    "nacht": "donkerblauw en koraal",
    "oker": "oker en bruin",
    "aubergine": "aubergine en goud",
}
STYLE_WORDS = {
    "circles": "overlappende cirkels",
    "waves": "golvende banen",
    "blocks": "gekantelde vlakken",
    "arcs": "bogen vanuit een hoek",
    "portrait": "silhouet",
}


def describe(style, palette):
    """'overlappende cirkels in petrol en zand': what the picture shows, for its title."""
    return f"{STYLE_WORDS[style]} in {PALETTE_WORDS[palette]}"


def render_jpeg(*, key, style, palette, size):
    """Draw one image and return it as JPEG bytes."""
    rng = random.Random(key)
    colours = [_rgb(value) for value in PALETTES[palette]]
    canvas = _gradient(size, colours[0], colours[1], angle=rng.uniform(20, 70))
    draw_shapes = {
        "circles": _circles,
        "waves": _waves,
        "blocks": _blocks,
        "arcs": _arcs,
        "portrait": _portrait,
    }[style]
    canvas = draw_shapes(canvas, colours, rng)
    output = io.BytesIO()
    canvas.convert("RGB").save(output, format="JPEG", quality=86, optimize=True, progressive=True)
    return output.getvalue()


def _rgb(hex_colour):
    hex_colour = hex_colour.lstrip("#")
    return tuple(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))


def _gradient(size, start, end, angle):
    """A linear gradient from `start` to `end`, tilted by `angle` degrees."""
    width, height = size
    diagonal = math.ceil(math.hypot(width, height))
    mask = Image.linear_gradient("L").resize((diagonal, diagonal), Image.Resampling.BICUBIC)
    mask = mask.rotate(angle, resample=Image.Resampling.BICUBIC)
    left, top = (diagonal - width) // 2, (diagonal - height) // 2
    mask = mask.crop((left, top, left + width, top + height))
    gradient = Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), mask)
    return gradient.convert("RGBA")


def _layer(canvas, draw_on, blur=0):
    """Draw on a transparent layer and blend it onto the canvas (so shapes mix, not overwrite)."""
    layer = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    draw_on(ImageDraw.Draw(layer))
    if blur:
        layer = layer.filter(ImageFilter.GaussianBlur(blur))
    return Image.alpha_composite(canvas, layer)


def _circles(canvas, colours, rng):
    width, height = canvas.size
    for index in range(6):
        radius = rng.uniform(0.12, 0.42) * height
        centre_x = rng.uniform(0.1, 0.95) * width
        centre_y = rng.uniform(0.1, 0.9) * height
        colour = colours[2 + index % 2]
        alpha = rng.randint(60, 150)
        box = (centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius)
        canvas = _layer(
            canvas,
            lambda draw, box=box, colour=colour, alpha=alpha: draw.ellipse(
                box, fill=(*colour, alpha)
            ),
            blur=rng.choice([0, 0, 6]),
        )
    return canvas


def _waves(canvas, colours, rng):
    width, height = canvas.size
    bands = 5
    for index in range(bands):
        base = height * (0.35 + 0.13 * index)
        amplitude = rng.uniform(0.03, 0.08) * height
        wavelength = rng.uniform(0.6, 1.2) * width
        phase = rng.uniform(0, 2 * math.pi)
        points = [
            (x, base + amplitude * math.sin(2 * math.pi * x / wavelength + phase))
            for x in range(0, width + 40, 40)
        ]
        points += [(width, height), (0, height)]
        colour = colours[2 + index % 2]
        alpha = 70 + 25 * index
        canvas = _layer(
            canvas,
            lambda draw, points=points, colour=colour, alpha=alpha: draw.polygon(
                points, fill=(*colour, min(alpha, 200))
            ),
        )
    return canvas


def _blocks(canvas, colours, rng):
    width, height = canvas.size
    for index in range(5):
        block_width = rng.uniform(0.25, 0.5) * width
        block_height = rng.uniform(0.3, 0.6) * height
        centre_x = rng.uniform(0.15, 0.85) * width
        centre_y = rng.uniform(0.2, 0.8) * height
        angle = math.radians(rng.uniform(-25, 25))
        corners = [
            (-block_width / 2, -block_height / 2),
            (block_width / 2, -block_height / 2),
            (block_width / 2, block_height / 2),
            (-block_width / 2, block_height / 2),
        ]
        points = [
            (
                centre_x + x * math.cos(angle) - y * math.sin(angle),
                centre_y + x * math.sin(angle) + y * math.cos(angle),
            )
            for x, y in corners
        ]
        colour = colours[2 + index % 2]
        alpha = rng.randint(70, 160)
        canvas = _layer(
            canvas,
            lambda draw, points=points, colour=colour, alpha=alpha: draw.polygon(
                points, fill=(*colour, alpha)
            ),
        )
    return canvas


def _arcs(canvas, colours, rng):
    width, height = canvas.size
    corner = rng.choice([(0, height), (width, height), (width, 0)])
    line_width = max(8, height // 30)
    for index in range(7):
        radius = height * (0.25 + 0.18 * index)
        box = (corner[0] - radius, corner[1] - radius, corner[0] + radius, corner[1] + radius)
        colour = colours[2 + index % 2]
        alpha = 200 - 20 * index
        canvas = _layer(
            canvas,
            lambda draw, box=box, colour=colour, alpha=alpha: draw.ellipse(
                box, outline=(*colour, alpha), width=line_width
            ),
        )
    return canvas


def _portrait(canvas, colours, rng):
    """A soft head-and-shoulders silhouette: a placeholder portrait, not a likeness."""
    width, height = canvas.size
    accent, figure = colours[3], colours[2]
    glow_radius = 0.45 * width
    glow_x, glow_y = rng.uniform(0.3, 0.7) * width, rng.uniform(0.2, 0.5) * height
    glow_box = (
        glow_x - glow_radius,
        glow_y - glow_radius,
        glow_x + glow_radius,
        glow_y + glow_radius,
    )
    canvas = _layer(canvas, lambda draw: draw.ellipse(glow_box, fill=(*accent, 90)), blur=40)
    head_radius = 0.17 * width
    head_box = (
        width / 2 - head_radius,
        0.42 * height - head_radius,
        width / 2 + head_radius,
        0.42 * height + head_radius,
    )
    shoulders_box = (0.16 * width, 0.63 * height, 0.84 * width, 1.3 * height)

    def draw_figure(draw):
        draw.ellipse(head_box, fill=(*figure, 215))
        draw.ellipse(shoulders_box, fill=(*figure, 215))

    return _layer(canvas, draw_figure, blur=1)
