"""Pages from the third review (hand-made, modelled on real live-blog markup): pinned copies,
edit times, link bars, bylines, badges inside sentences, and a JSON-LD archive longer than the page."""

EDIT_HOUR_ONLY = """<!doctype html><html><head><title>Election live</title></head><body><h1>Election live: latest updates</h1><div class="live-feed">
<article class="live-post" id="post-103"><div class="post-meta"><span class="post-time">1:40 p.m. ET Updated 3 p.m. ET</span></div><h2>Turnout passes 60%</h2><p>Officials say turnout passed 60 per cent across the country by mid-afternoon.</p></article>
<article class="live-post" id="post-102"><div class="post-meta"><span class="post-time">12:05 p.m. ET</span></div><h2>Polls busy in the north</h2><p>Long queues were reported at polling stations in the northern districts this morning.</p></article>
<article class="live-post" id="post-101"><div class="post-meta"><span class="post-time">8:30 a.m. ET Updated 9 a.m. ET</span></div><h2>Leader casts vote</h2><p>The prime minister cast her ballot in her home constituency shortly after noon today.</p></article>
</div></body></html>"""

PIN_UNMARKED_RELATIVE = """<!doctype html><html><head><title>Election live</title></head><body><h1>Election live: latest updates</h1><div class="live-feed">
<article class="live-post highlight"><div class="post-meta"><span class="post-time">8 hours ago</span></div><h2>What we know so far</h2><p>Polls opened at 7am. Results are expected late tonight. Here is what you need to know.</p></article>
<article class="live-post" id="post-105"><div class="post-meta"><span class="post-time">17:20</span></div><h2>Rain delays count</h2><p>Counting was delayed in two districts after heavy rain flooded a warehouse.</p></article>
<article class="live-post" id="post-104"><div class="post-meta"><span class="post-time">16:45</span></div><h2>Opposition concedes</h2><p>The opposition leader conceded defeat in a short speech to supporters in the capital.</p></article>
<article class="live-post" id="post-103"><div class="post-meta"><span class="post-time">15:40</span></div><h2>Turnout passes 60%</h2><p>Officials say turnout passed 60 per cent across the country by mid-afternoon.</p></article>
<article class="live-post" id="post-102"><div class="post-meta"><span class="post-time">14:05</span></div><h2>Polls busy in the north</h2><p>Long queues were reported at polling stations in the northern districts this morning.</p></article>
<article class="live-post" id="post-101"><div class="post-meta"><span class="post-time">09:30</span></div><h2>What we know so far</h2><p>Polls opened at 7am. Results are expected late tonight. Here is what you need to know.</p></article>
</div></body></html>"""

PIN_UNMARKED_DIFFTIME = """<!doctype html><html><head><title>Election live</title></head><body><h1>Election live: latest updates</h1><div class="live-feed">
<article class="live-post top-story"><div class="post-meta"><span class="post-time">Updated 17:55</span></div><h2>What we know so far</h2><p>Polls opened at 7am. Results are expected late tonight. Here is what you need to know.</p></article>
<article class="live-post" id="post-105"><div class="post-meta"><span class="post-time">17:20</span></div><h2>Rain delays count</h2><p>Counting was delayed in two districts after heavy rain flooded a warehouse.</p></article>
<article class="live-post" id="post-104"><div class="post-meta"><span class="post-time">16:45</span></div><h2>Opposition concedes</h2><p>The opposition leader conceded defeat in a short speech to supporters in the capital.</p></article>
<article class="live-post" id="post-103"><div class="post-meta"><span class="post-time">15:40</span></div><h2>Turnout passes 60%</h2><p>Officials say turnout passed 60 per cent across the country by mid-afternoon.</p></article>
<article class="live-post" id="post-102"><div class="post-meta"><span class="post-time">14:05</span></div><h2>Polls busy in the north</h2><p>Long queues were reported at polling stations in the northern districts this morning.</p></article>
<article class="live-post" id="post-101"><div class="post-meta"><span class="post-time">09:30</span></div><h2>What we know so far</h2><p>Polls opened at 7am. Results are expected late tonight. Here is what you need to know.</p></article>
</div></body></html>"""

LINKBAR_CONTENT = """<!doctype html><html><head><title>Election live</title></head><body><h1>Election live: latest updates</h1><div class="live-feed">
<article class="live-post" id="post-104"><div class="post-meta"><span class="post-time">16:45</span></div><h2>Our coverage</h2><div class="entry-content share-enabled">Read our coverage: <a href="/politics/results-map">Results map</a> <a href="/politics/key-seats">Key seats to watch</a> <a href="/politics/explainer">How the count works</a></div></article>
<article class="live-post" id="post-103"><div class="post-meta"><span class="post-time">15:40</span></div><h2>Turnout passes 60%</h2><div class="entry-content share-enabled"><p>Officials say turnout passed 60 per cent across the country by mid-afternoon.</p></div></article>
<article class="live-post" id="post-102"><div class="post-meta"><span class="post-time">14:05</span></div><h2>Polls busy in the north</h2><div class="entry-content share-enabled"><p>Long queues were reported at polling stations in the northern districts this morning.</p></div></article>
<article class="live-post" id="post-101"><div class="post-meta"><span class="post-time">12:30</span></div><h2>Where to follow</h2><div class="entry-content share-enabled"><ul><li><a href="/politics/results-map">Live results map</a></li><li><a href="/video/count">Watch the count live</a></li></ul></div></article>
</div></body></html>"""

LD_LINKS_WINDOW = """<!doctype html><html><head><title>Live updates</title><script type="application/ld+json">{"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": "Live updates", "url": "https://www.example.com/live", "liveBlogUpdate": [{"@type": "BlogPosting", "url": "https://www.example.com/liveblog_entry/idf-strikes/", "headline": "IDF strikes targets", "datePublished": "2024-05-03T15:40:00+00:00", "articleBody": "The military said it struck several targets overnight in the south."}, {"@type": "BlogPosting", "url": "https://www.example.com/liveblog_entry/talks-resume/", "headline": "Talks resume in Cairo", "datePublished": "2024-05-03T14:05:00+00:00", "articleBody": "Negotiators returned to Cairo for a new round of talks on Friday."}, {"@type": "BlogPosting", "url": "https://www.example.com/liveblog_entry/aid-trucks/", "headline": "Aid trucks cross", "datePublished": "2024-05-03T12:30:00+00:00", "articleBody": "Dozens of aid trucks crossed into the territory this morning, officials said."}, {"@type": "BlogPosting", "url": "https://www.example.com/liveblog_entry/overnight-sirens/", "headline": "Sirens sound overnight", "datePublished": "2024-05-03T09:10:00+00:00", "articleBody": "Sirens sounded in several northern towns overnight; no injuries were reported."}, {"@type": "BlogPosting", "url": "https://www.example.com/liveblog_entry/morning-brief/", "headline": "Morning brief", "datePublished": "2024-05-02T22:00:00+00:00", "articleBody": "Here is what happened while you were asleep, in five short points."}]}</script></head><body><h1>Live updates</h1><div class="liveblog-list"><div class="liveblog-entry"><div class="liveblog-date"><a href="https://www.example.com/liveblog_entry/idf-strikes/">15:40</a></div><h4>IDF strikes targets</h4><div class="liveblog-paragraph"><p>The military said it struck several targets overnight in the south.</p><p>Extra DOM-only paragraph for idf-strikes.</p></div></div>
<div class="liveblog-entry"><div class="liveblog-date"><a href="https://www.example.com/liveblog_entry/talks-resume/">14:05</a></div><h4>Talks resume in Cairo</h4><div class="liveblog-paragraph"><p>Negotiators returned to Cairo for a new round of talks on Friday.</p><p>Extra DOM-only paragraph for talks-resume.</p></div></div>
<div class="liveblog-entry"><div class="liveblog-date"><a href="https://www.example.com/liveblog_entry/aid-trucks/">12:30</a></div><h4>Aid trucks cross</h4><div class="liveblog-paragraph"><p>Dozens of aid trucks crossed into the territory this morning, officials said.</p><p>Extra DOM-only paragraph for aid-trucks.</p></div></div>
<div class="liveblog-entry"><div class="liveblog-date"><a href="https://www.example.com/liveblog_entry/overnight-sirens/">09:10</a></div><h4>Sirens sound overnight</h4><div class="liveblog-paragraph"><p>Sirens sounded in several northern towns overnight; no injuries were reported.</p><p>Extra DOM-only paragraph for overnight-sirens.</p></div></div>
</div></body></html>"""

HEADLINK_UPDATED = """<!doctype html><html><head><title>Election live: latest updates</title></head><body>
<h1>Election live: latest updates</h1>
<div class="live-feed">
<article class="live-post" id="post-103"><a class="post-link" href="/live/post-103"><time datetime="2024-05-03T15:40:00Z">15:40</time> <h2>Turnout passes 60%</h2></a><p>Officials say turnout passed 60 per cent across the country by mid-afternoon.</p><footer class="post-updated">Updated <time datetime="2024-05-03T16:10:00Z">16:10</time></footer></article>
<article class="live-post" id="post-102"><a class="post-link" href="/live/post-102"><time datetime="2024-05-03T14:05:00Z">14:05</time> <h2>Polls busy in the north</h2></a><p>Long queues were reported at polling stations in the northern districts this morning.</p></article>
<article class="live-post" id="post-101"><a class="post-link" href="/live/post-101"><time datetime="2024-05-03T12:30:00Z">12:30</time> <h2>Leader casts vote</h2></a><p>The prime minister cast her ballot in her home constituency shortly after noon today.</p></article>
</div></body></html>
"""

BYLINE_BY = """<!doctype html><html><head><title>Election live</title></head><body><h1>Election live: latest updates</h1><div class="live-feed">
<article class="live-post" id="post-103"><div class="post-meta"><span class="post-time">15:40</span></div><h2>Turnout passes 60%</h2><div class="byline"><span>By</span> <a href="/authors/jane">Jane Doe</a></div><p>Officials say turnout passed 60 per cent across the country by mid-afternoon.</p></article>
<article class="live-post" id="post-102"><div class="post-meta"><span class="post-time">14:05</span></div><h2>Polls busy in the north</h2><div class="byline"><span>By</span> <a href="/authors/jane">Jane Doe</a></div><p>Long queues were reported at polling stations in the northern districts this morning.</p></article>
<article class="live-post" id="post-101"><div class="post-meta"><span class="post-time">12:30</span></div><h2>Leader casts vote</h2><div class="byline"><span>By</span> <a href="/authors/jane">Jane Doe</a></div><p>The prime minister cast her ballot in her home constituency shortly after noon today.</p></article>
</div></body></html>"""

BYLINE_FIRSTLAST = """<!doctype html><html><head><title>Election live</title></head><body><h1>Election live: latest updates</h1><div class="live-feed">
<article class="live-post" id="post-103"><div class="post-meta"><span class="post-time">15:40</span></div><h2>Turnout passes 60%</h2><div class="author"><span class="first">Jane</span> <span class="last">Doe</span></div><p>Officials say turnout passed 60 per cent across the country by mid-afternoon.</p></article>
<article class="live-post" id="post-102"><div class="post-meta"><span class="post-time">14:05</span></div><h2>Polls busy in the north</h2><div class="author"><span class="first">Jane</span> <span class="last">Doe</span></div><p>Long queues were reported at polling stations in the northern districts this morning.</p></article>
<article class="live-post" id="post-101"><div class="post-meta"><span class="post-time">12:30</span></div><h2>Leader casts vote</h2><div class="author"><span class="first">Jane</span> <span class="last">Doe</span></div><p>The prime minister cast her ballot in her home constituency shortly after noon today.</p></article>
</div></body></html>"""

BYLINE_ROLE = """<!doctype html><html><head><title>Election live</title></head><body><h1>Election live: latest updates</h1><div class="live-feed">
<article class="live-post" id="post-103"><div class="post-meta"><span class="post-time">15:40</span></div><h2>Turnout passes 60%</h2><div class="byline"><span class="name">Jane Doe</span><span class="role">Political editor</span></div><p>Officials say turnout passed 60 per cent across the country by mid-afternoon.</p></article>
<article class="live-post" id="post-102"><div class="post-meta"><span class="post-time">14:05</span></div><h2>Polls busy in the north</h2><div class="byline"><span class="name">Jane Doe</span><span class="role">Political editor</span></div><p>Long queues were reported at polling stations in the northern districts this morning.</p></article>
<article class="live-post" id="post-101"><div class="post-meta"><span class="post-time">12:30</span></div><h2>Leader casts vote</h2><div class="byline"><span class="name">Jane Doe</span><span class="role">Political editor</span></div><p>The prime minister cast her ballot in her home constituency shortly after noon today.</p></article>
</div></body></html>"""

ULTIMA_HORA_INLINE = """<!doctype html><html lang="es"><head><meta charset="utf-8"><title>En vivo: elecciones</title></head><body><h1>En vivo: elecciones</h1><div class="live-feed">
<article class="live-post" id="post-103"><div class="post-meta"><span class="post-time">15:40</span></div><h2>Participación supera el 60%</h2><p>Según el diario <i>Última Hora</i>, la participación superó el 60 por ciento a media tarde.</p></article>
<article class="live-post" id="post-102"><div class="post-meta"><span class="post-time">14:05</span></div><h2>Largas filas en el norte</h2><p>Se registraron largas filas en los centros de votación del norte esta mañana.</p></article>
<article class="live-post" id="post-101"><div class="post-meta"><span class="post-time">12:30</span></div><h2>Vota el presidente</h2><p>El presidente votó en su ciudad natal poco después del mediodía de hoy.</p></article>
</div></body></html>"""

EDIT_LATE = """<!doctype html><html><head><title>Election live</title></head><body><h1>Election live: latest updates</h1><div class="live-feed">
<article class="live-post" id="post-103"><div class="post-meta"><span class="post-time">15:40</span></div><h2>Turnout passes 60%</h2><p>Officials say turnout passed 60 per cent across the country by mid-afternoon.</p></article>
<article class="live-post" id="post-102"><div class="post-meta"><span class="post-time">14:05</span></div><h2>Polls busy in the north</h2><p>Long queues were reported at polling stations in the northern districts this morning.</p></article>
<article class="live-post" id="post-101"><div class="post-meta"><span class="post-time">07:30 (updated 19:45)</span></div><h2>Polls open</h2><p>Polls opened across the country at 7am; we will update this post with turnout figures.</p></article>
</div></body></html>"""
