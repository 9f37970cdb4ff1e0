"""A news site on loopback for the watcher's tests: feeds and article pages the tests write.

The articles are our own sentences. Each page wraps its article in the furniture real sites
carry (menu, subscription banner, comment counter, "اقرأ أيضًا" with a related headline, a
comment form, footer), which must never reach the stored text. Routes can answer slowly,
fail a few times first, or answer 304 to a conditional GET; every request is recorded.
"""
from __future__ import annotations

import email.utils
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

ARTICLES = {
    "shelling": ("قصف مدفعي يستهدف قرية في ريف حماة الشمالي", "2024-03-05T09:30:00+03:00", [
        "قال ناشطون محليون إن قصفاً مدفعياً استهدف صباح الثلاثاء أطراف قرية كفرنبودة في ريف حماة الشمالي، ما أدى إلى إصابة أربعة مدنيين بجروح متفاوتة.",
        "وأضاف الناشطون أن القذائف سقطت قرب مدرسة ابتدائية كانت خالية من التلاميذ وقت القصف.",
        "وأوضح مسؤول في فرق الإسعاف أن المصابين نقلوا إلى مستشفى ميداني قريب، وأن حالة أحدهم خطيرة.",
        "ولم تعلن أي جهة مسؤوليتها عن القصف حتى الآن، وتشهد المنطقة منذ أسابيع توتراً متصاعداً بين الفصائل المسلحة والقوات الحكومية.",
        "ودعا سكان القرية المنظمات الإنسانية إلى تقديم المساعدة للعائلات التي نزحت من منازلها خلال الأيام الماضية."]),
    "protest": ("مظاهرة في البصرة احتجاجاً على انقطاع الكهرباء", "2024-03-10T19:00:00+03:00", [
        "تظاهر مئات من سكان مدينة البصرة، مساء الأحد، أمام مبنى المحافظة احتجاجاً على انقطاع التيار الكهربائي وشح مياه الشرب.",
        "ورفع المحتجون لافتات تطالب الحكومة المحلية بإيجاد حلول عاجلة قبل حلول فصل الصيف.",
        "وقال أحد المنظمين إن الاحتجاجات ستستمر حتى تنفيذ المطالب، مؤكداً أنها ستبقى سلمية.",
        "وانتشرت قوات الأمن في محيط المبنى دون أن تسجل أي مواجهات بين الطرفين.",
        "وأكد مسؤول في المحافظة أن فرقاً فنية تعمل على إصلاح محطات الضخ المتضررة، وأن سكان المحافظة يعانون منذ سنوات من تراجع الخدمات الأساسية."]),
    "truce": ("اتفاق لوقف إطلاق النار في سبها جنوبي ليبيا", "2024-03-14T12:00:00Z", [
        "أعلنت لجنة المصالحة في مدينة سبها جنوبي ليبيا، يوم الخميس، التوصل إلى اتفاق لوقف إطلاق النار بين مجموعتين مسلحتين بعد اشتباكات استمرت ثلاثة أيام.",
        "وقال رئيس اللجنة إن الاتفاق يشمل تبادل المحتجزين وفتح الطرق المغلقة أمام حركة المدنيين.",
        "وأضاف أن وجهاء القبائل سيشرفون على تنفيذ بنود الاتفاق خلال الأسبوع المقبل.",
        "وكانت الاشتباكات قد أسفرت عن مقتل شخصين وإصابة عدد من السكان بجروح.",
        "ورحبت البلدية بالاتفاق ودعت الأطراف إلى الالتزام به، فيما عادت الحركة التجارية تدريجياً إلى أسواق المدينة."]),
    "ambush": ("مقتل عنصرين من الشرطة بهجوم في محافظة ديالى", "2024-03-16T04:15:00+03:00", [
        "قتل عنصران من الشرطة العراقية وأصيب ثالث، فجر السبت، في هجوم نفذه مسلحون مجهولون على نقطة تفتيش في قضاء المقدادية بمحافظة ديالى.",
        "وقال مصدر أمني إن المهاجمين استخدموا أسلحة خفيفة وفروا إلى بساتين قريبة.",
        "وأضاف المصدر أن قوة أمنية بدأت عملية تفتيش في المنطقة بحثاً عن المنفذين.",
        "ونقل المصاب إلى مستشفى المقدادية العام لتلقي العلاج، وحالته مستقرة.",
        "وطالب مسؤولون محليون بتعزيز الانتشار الأمني على الطرق الريفية التي تتعرض بين حين وآخر لهجمات مماثلة."]),
}

# What the site puts around every article; none of it may be stored.
FURNITURE = ["الرئيسية", "اتصل بنا", "اشترك في نشرتنا", "تعليقات", "اقرأ أيضًا", "انتخابات بلدية جديدة",
             "اترك رد", "جميع الحقوق محفوظة", "سياسة الخصوصية", "موقع المرصد الإخباري"]


def page(key: str) -> bytes:
    title, _, paragraphs = ARTICLES[key]
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{escape(title)} | موقع المرصد الإخباري</title></head><body>
<header><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/politics">سياسة</a></li>
<li><a href="/contact">اتصل بنا</a></li></ul></nav>
<div class="banner">اشترك في نشرتنا البريدية لتصلك آخر الأخبار</div></header>
<main><article><h1>{escape(title)}</h1>
<div class="meta"><span class="comments">5 تعليقات</span></div>
{body}
</article>
<aside class="related"><h3>اقرأ أيضًا</h3><ul>
<li><a href="/news/elections">انتخابات بلدية جديدة في مدينة الموصل الشهر المقبل</a></li></ul></aside>
<section id="respond"><h3>اترك رد</h3><form><textarea name="c"></textarea><button>أرسل</button></form></section>
</main><footer><p>جميع الحقوق محفوظة لموقع المرصد الإخباري 2024</p><a href="/privacy">سياسة الخصوصية</a></footer>
</body></html>""".encode("utf-8")


def rfc822(iso: str) -> str:
    import datetime as dt

    return email.utils.format_datetime(dt.datetime.fromisoformat(iso.replace("Z", "+00:00")))


def rss(title: str, items: list[tuple[str, str]]) -> bytes:
    """RSS 2.0 with ``items`` as (article key, link), newest first as feeds list them."""
    out = []
    for key, link in items:
        head, when, _ = ARTICLES.get(key, (key, "2024-03-01T10:00:00+03:00", None))
        out.append(f"<item><title>{escape(head)}</title><link>{escape(link)}</link>"
                   f"<pubDate>{rfc822(when)}</pubDate><guid>{escape(link)}</guid></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>http://example.invalid/</link><description>أخبار</description>{''.join(out)}</channel></rss>"
            ).encode("utf-8")


def atom(title: str, items: list[tuple[str, str]]) -> bytes:
    out = []
    for key, link in items:
        head, when, _ = ARTICLES[key]
        out.append(f'<entry><title>{escape(head)}</title><link href="{escape(link)}"/><id>{escape(link)}</id>'
                   f"<updated>{when}</updated><published>{when}</published></entry>")
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(title)}</title><id>urn:test:atom</id><updated>2024-03-14T12:00:00Z</updated>"
            f"{''.join(out)}</feed>").encode("utf-8")


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: Optional[str] = None
    last_modified: Optional[str] = None
    delay: float = 0.0  # seconds before answering
    fail_first: int = 0  # answer 503 this many times first


class Site:
    """An HTTP server on 127.0.0.1 in a thread; ``routes`` maps a path to its answer."""

    def __init__(self, robots: str = "User-agent: *\nDisallow: /private/\n"):
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict]] = []
        if robots is not None:
            self.routes["/robots.txt"] = Route(robots.encode(), "text/plain")
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                site.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                try:
                    site.answer(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout under test): nothing to answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def answer(self, h: BaseHTTPRequestHandler) -> None:
        route = self.routes.get(urlsplit(h.path).path)
        if route is None:
            return self._send(h, 404, b"not found", "text/plain")
        if route.delay:
            time.sleep(route.delay)
        if route.fail_first > 0:
            route.fail_first -= 1
            return self._send(h, 503, b"busy", "text/plain")
        if route.etag and h.headers.get("If-None-Match") == route.etag:
            return self._send(h, 304, b"", None, route)
        if route.last_modified and h.headers.get("If-Modified-Since") == route.last_modified:
            return self._send(h, 304, b"", None, route)
        self._send(h, route.status, route.body, route.content_type, route)

    @staticmethod
    def _send(h, status: int, body: bytes, content_type: Optional[str], route: Optional[Route] = None) -> None:
        h.send_response(status)
        if content_type:
            h.send_header("Content-Type", content_type)
        if route is not None and route.etag:
            h.send_header("ETag", route.etag)
        if route is not None and route.last_modified:
            h.send_header("Last-Modified", route.last_modified)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        if body and status != 304:
            h.wfile.write(body)

    def paths(self) -> list[str]:
        return [p for p, _ in self.requests]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
