"""The optimizer's crops on real photos: crops that keep faces, A/B variants, focal points,
and padding that never crops."""

import numpy as np
import pytest
from PIL import Image

from contracts.catalog.platforms import PRESETS, resolve
from contracts.params.optimize import FitMode
from shared.detection import detect_faces
from tests.support.optimizer import decoded, run
from tests.support.photos import astronaut, jpeg, photo, placed, reference_ssim


@pytest.mark.parametrize(
    ("size", "faces"),
    [
        ((512, 512), []),  # the photo as shipped
        ((4000, 1500), [(60, 200, 900)]),  # a panorama, face at the far left
        ((4000, 1500), [(3000, 600, 800)]),  # face low on the right
        ((1500, 4000), [(300, 3000, 900)]),  # a tall shot, face at the bottom
        ((4000, 2000), [(200, 300, 900), (2800, 700, 900)]),  # two people far apart
    ],
)
def test_fill_crops_keep_every_detected_face_when_the_aspect_allows(
    size: tuple[int, int], faces: list[tuple[int, int, int]]
) -> None:
    image = astronaut() if not faces else placed(size, faces)
    for rendition in run(jpeg(image), list(PRESETS.values()), previews=False):
        crop = rendition.report.crop
        assert crop.faces, "the face is detected"
        left, top, right, bottom = crop.box
        width, height = right - left, bottom - top
        inside = [f for f in crop.faces if _within(f, crop.box)]
        union = _union(crop.faces)
        if union[2] - union[0] <= width and union[3] - union[1] <= height:
            assert len(inside) == len(crop.faces), (rendition.preset.id, crop)
        else:
            largest = max(crop.faces, key=lambda f: (f[2] - f[0]) * (f[3] - f[1]))
            fits = largest[2] - largest[0] <= width and largest[3] - largest[1] <= height
            assert not fits or largest in inside, (rendition.preset.id, crop)
        assert crop.faces_in_frame == len(inside)


def test_the_face_detector_finds_the_astronaut() -> None:
    grey = np.asarray(astronaut().convert("L"))
    (face,) = detect_faces(grey)
    left, top, right, bottom = face
    assert 150 < (left + right) / 2 < 300
    assert 50 < (top + bottom) / 2 < 200


def test_a_wide_crop_of_two_people_frames_both() -> None:
    image = placed((4000, 2000), [(400, 300, 700), (2400, 300, 700)])
    (header,) = run(jpeg(image), resolve(["x.header"]), previews=False)
    assert header.report.crop.framing == "faces"
    assert header.report.crop.faces_in_frame == 2


def test_ab_variants_are_different_crops_best_first() -> None:
    image = placed((4000, 2000), [(200, 300, 800), (2900, 700, 800)])
    made = run(jpeg(image), resolve(["ig.story"]), variants=3, previews=False)
    assert [r.variant for r in made] == [0, 1, 2]
    assert len({r.report.crop.box for r in made}) == 3
    assert made[0].report.crop.faces_in_frame >= 1


def test_a_focal_point_decides_the_crop() -> None:
    image = placed((4000, 2000), [(200, 300, 800)])
    (story,) = run(jpeg(image), resolve(["ig.story"]), focal_point=(0.9, 0.5), previews=False)
    left, _, right, _ = story.report.crop.box
    assert story.report.crop.framing == "focal_point"
    assert left <= 3600 <= right


def test_fit_mode_never_crops_and_pads_with_the_colour() -> None:
    source = photo((1600, 1200), grain=0)
    (story,) = run(jpeg(source), resolve(["ig.story"]), mode=FitMode.FIT, background="#ff0000")
    image = np.asarray(decoded(story).convert("RGB")).astype(int)
    assert story.report.crop.box == (0, 0, 1600, 1200)
    # 1600x1200 fits a 1080 wide canvas at 1080x810, centred: 555 px of padding above and below
    top, bottom = image[:540], image[-540:]
    for band in (top, bottom):
        assert np.abs(band - [255, 0, 0]).max() <= 12  # red, give or take JPEG
    content = Image.fromarray(image[555 : 555 + 810].astype(np.uint8)).convert("L")
    expected = source.resize((1080, 810), Image.Resampling.LANCZOS).convert("L")
    assert reference_ssim(np.asarray(expected), np.asarray(content)) > 0.9


def test_fit_mode_pads_with_a_blurred_extension_of_the_image() -> None:
    source = photo((1600, 1200), grain=0)
    (story,) = run(jpeg(source), resolve(["ig.story"]), mode=FitMode.FIT)
    image = np.asarray(decoded(story).convert("RGB")).astype(float)
    padding = image[:540]
    assert padding.std() > 5, "not a flat colour"
    assert np.abs(np.diff(padding, axis=1)).mean() < 2, "smooth: blurred"
    # the backdrop is the centre of the image scaled to cover the canvas, blurred
    cover = source.resize((1080, 1920), Image.Resampling.BILINEAR, box=(462, 0, 1137, 1200))
    expected = np.asarray(cover).astype(float)[:540]
    assert np.abs(padding.mean(axis=(0, 1)) - expected.mean(axis=(0, 1))).max() < 15


def _within(face: tuple[int, int, int, int], box: tuple[int, int, int, int]) -> bool:
    return box[0] <= face[0] and box[1] <= face[1] and face[2] <= box[2] and face[3] <= box[3]


def _union(faces: list[tuple[int, int, int, int]]) -> tuple[int, int, int, int]:
    return (
        min(f[0] for f in faces),
        min(f[1] for f in faces),
        max(f[2] for f in faces),
        max(f[3] for f in faces),
    )


def test_a_crop_does_not_depend_on_the_other_formats_asked() -> None:
    source = jpeg(placed((2000, 1500), [(700, 300, 700)]))
    (alone,) = run(source, resolve(["ig.profile"]), previews=False)
    with_banner = run(source, resolve(["ig.profile", "li.personal_banner"]), previews=False)
    profile = next(r for r in with_banner if r.preset.id == "ig.profile")
    assert alone.report.crop.faces
    assert alone.report.crop.box == profile.report.crop.box
    left, _, right, _ = alone.report.crop.box
    assert right - left < 1000, "a headshot, framed on the face"
