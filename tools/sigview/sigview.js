/* sigview.js: draws a sigtrace timeline from the JSON page.py embeds (#sigview-data),
   and, on a click, one event's details: for a frame, the rt_sigframe as it lies on the
   user stack and the registers around its sigreturn. No libraries, no network. */
"use strict";
(function () {
  const SVGNS = "http://www.w3.org/2000/svg";
  const LANE_H = 70, LEFT = 200, TOP = 36, MIN_GAP = 28;
  const SIGNAMES = [null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
    "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM",
    "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN",
    "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO",
    "SIGPWR", "SIGSYS"];

  function svg(tag, attrs, parent, text) {
    const e = document.createElementNS(SVGNS, tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }

  function h(tag, cls, parent, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }

  /* A mask as signal names: bit n-1 is signal n (Linux's sigset_t). */
  function maskNames(hex) {
    if (hex === undefined) return "";
    const v = BigInt(hex === "0" ? 0 : hex), out = [];
    for (let n = 1; n <= 64; n++)
      if ((v >> BigInt(n - 1)) & 1n) out.push(n < 32 ? SIGNAMES[n] : "SIGRT" + n);
    return out.length ? hex + " = {" + out.join(", ") + "}" : "0 (none)";
  }

  function secs(ns) { return (ns / 1e9).toFixed(6) + " s"; }

  /* x of each event: guest time, squeezed so that marks never overlap. */
  function positions(events, timed) {
    const xs = [];
    if (!events.length) return xs;
    const t0 = timed ? events[0].t : 0;
    const span = timed ? Math.max(1, events[events.length - 1].t - t0) : 1;
    const width = Math.max(900, events.length * MIN_GAP * 2);
    let last = -Infinity;
    events.forEach(function (ev, i) {
      const want = LEFT + 30 + (timed ? (ev.t - t0) / span * width : i * MIN_GAP * 2);
      last = Math.max(want, last + MIN_GAP);
      xs.push(last);
    });
    return xs;
  }

  function drawTrace(data, traceNo, root) {
    const events = data.events, st = data.story;
    const xs = positions(events, data.timed);
    const laneOf = {};
    st.lanes.forEach(function (l, i) { laneOf[l.pid] = i; });
    const y = function (pid) { return TOP + (laneOf[pid] || 0) * LANE_H + LANE_H / 2; };
    const width = (xs.length ? xs[xs.length - 1] : LEFT) + 120;
    const section = h("section", "trace", root);
    section.dataset.trace = traceNo;
    h("h2", "", section, data.title + " (" + events.length + " events" +
      (!events.length ? "" : data.timed ? ", " + secs(events[events.length - 1].t - events[0].t) +
       " of guest time" : ", no times: in trace order") + ")");
    if (data.note) h("p", "trace-note", section, data.note);
    const box = h("div", "scroll", section);
    const s = svg("svg", {width: width, height: TOP + st.lanes.length * LANE_H + 20,
                          class: "timeline"}, box);

    drawLanes(s, st, events, xs, y, width);
    drawTicks(s, events, xs, data.timed, st.lanes.length);
    drawSpans(s, st, events, xs, y);
    drawLinks(s, st, events, xs, y);
    drawMarks(s, data, xs, y, traceNo);
  }

  function drawLanes(s, st, events, xs, y, width) {
    st.lanes.forEach(function (l) {
      const g = svg("g", {class: "lane", "data-pid": l.pid}, s);
      svg("line", {x1: LEFT, x2: width - 20, y1: y(l.pid), y2: y(l.pid)}, g);
      svg("text", {x: 8, y: y(l.pid) + 4, class: "lane-label"}, g,
          "pid " + l.pid + (l.name ? " (" + l.name + ")" : ""));
    });
    st.exits.forEach(function (e) {     /* [pid, index of the parent's SIGCHLD, how] */
      svg("text", {x: xs[e[1]] - 4, y: y(e[0]) + 4, class: "exit-mark"}, s,
          e[2] === "CLD_EXITED" ? "| exit" : "| killed");
    });
  }

  function drawTicks(s, events, xs, timed, nlanes) {
    let lastLabel = -Infinity;      /* a time label wherever there is room for one */
    for (let i = 0; i < events.length; i++) {
      if (xs[i] - lastLabel < 90) continue;
      lastLabel = xs[i];
      svg("line", {x1: xs[i], x2: xs[i], y1: TOP - 8, y2: TOP + nlanes * LANE_H, class: "tick"}, s);
      svg("text", {x: xs[i] + 2, y: TOP - 12, class: "tick-label"}, s,
          timed ? secs(events[i].t - events[0].t) : "#" + i);
    }
  }

  function drawSpans(s, st, events, xs, y) {
    const end = xs.length ? xs[xs.length - 1] + 30 : LEFT;
    st.stops.forEach(function (sp) {    /* [pid, stop index, continued index or null] */
      const x1 = xs[sp[1]], x2 = sp[2] === null ? end : xs[sp[2]];
      svg("rect", {x: x1, y: y(sp[0]) - 14, width: x2 - x1, height: 28, class: "stopped"}, s);
    });
    const depth = {};
    Object.keys(st.handlers).map(Number).sort(function (a, b) { return a - b; })
      .forEach(function (fi) {
        const ri = st.handlers[fi], pid = events[fi].pid;
        const x1 = xs[fi], x2 = ri === null ? end : xs[ri];
        let d = 0;
        while (depth[pid + ":" + d] !== undefined && depth[pid + ":" + d] > x1) d++;
        depth[pid + ":" + d] = x2;
        svg("rect", {x: x1, y: y(pid) + 9 + d * 9, width: Math.max(2, x2 - x1), height: 7,
                     class: "handler" + (ri === null ? " unfinished" : "")}, s);
      });
  }

  function drawLinks(s, st, events, xs, y) {
    Object.keys(st.links).forEach(function (gi) {
      const di = st.links[gi], x1 = xs[gi], x2 = xs[di], yy = y(events[gi].pid);
      const lift = Math.min(30, 10 + (x2 - x1) / 8);
      svg("path", {d: "M" + x1 + "," + yy + " C" + x1 + "," + (yy - lift) + " " + x2 + "," +
                   (yy - lift) + " " + x2 + "," + yy, class: "link"}, s);
    });
    events.forEach(function (ev, i) {   /* a kill from another process: where it came from */
      const from = ev.f.sender;
      if (ev.kind === "generate" && from !== undefined && Number(from) !== ev.pid)
        svg("line", {x1: xs[i], x2: xs[i], y1: y(Number(from)), y2: y(ev.pid), class: "send"}, s);
    });
  }

  function markShape(ev, g) {
    if (ev.kind === "frame")
      svg("rect", {x: -7, y: -7, width: 14, height: 14, transform: "rotate(45)"}, g);
    else if (ev.name.indexOf("terminate") === 0)
      svg("path", {d: "M-7,-7 L7,7 M7,-7 L-7,7", class: "cross"}, g);
    else
      svg("circle", {r: ev.kind === "generate" ? 5 : 6}, g);
  }

  function drawMarks(s, data, xs, y, traceNo) {
    data.events.forEach(function (ev, i) {
      const kind = ev.name.split(" ")[0];
      const g = svg("g", {class: "ev ev-" + kind + (data.firstDifference === i ? " first-diff" : ""),
                          transform: "translate(" + xs[i] + "," + y(ev.pid) + ")",
                          "data-i": i, "data-kind": ev.name, tabindex: 0}, s);
      markShape(ev, g);
      svg("title", {}, g, "#" + i + " " + ev.text);
      if (ev.f.sig) svg("text", {y: 20, class: "mark-label"}, g, ev.f.sig.replace(/^SIG/, ""));
      if (data.story.restarts[i])
        svg("text", {y: -14, class: "restart-label"}, g, data.story.restarts[i]);
      if (data.firstDifference === i)
        svg("text", {y: -28, class: "diff-label"}, g, "first difference");
      g.addEventListener("click", function () { showEvent(traceNo, i); });
    });
  }

  /* ---- the panel: one event, and a frame drawn as a stack ---- */

  function row(table, cells, cls) {
    const tr = h("tr", cls || "", table);
    cells.forEach(function (c) { h("td", "", tr, c === undefined ? "" : String(c)); });
    return tr;
  }

  function showEvent(traceNo, i) {
    const data = traces[traceNo], ev = data.events[i], panel = document.getElementById("panel");
    panel.innerHTML = "";
    panel.hidden = false;
    panel.dataset.event = i;
    panel.dataset.trace = traceNo;
    const close = h("button", "close", panel, "close");
    close.addEventListener("click", function () { panel.hidden = true; });
    h("h2", "", panel, "#" + i + " " + ev.name + (ev.t !== null ? " at " + secs(ev.t) : "") +
      " (log line " + ev.line + ")");
    h("pre", "line", panel, ev.text);
    if (ev.picture.length) {
      const more = h("details", "", panel);
      h("summary", "", more, "the picture sigtrace drew in the log");
      h("pre", "line", more, ev.picture.join("\n"));
    }
    const t = h("table", "fields", panel);
    Object.keys(ev.f).sort().forEach(function (k) {
      const v = ev.f[k];
      row(t, [k, (k === "pending" || k === "blocked") ? maskNames(v) : v]);
    });
    if (ev.kind === "frame") showFrame(panel, data, ev);
    if (ev.kind === "sigreturn") {
      const fi = Object.keys(data.story.handlers).find(function (k) {
        return data.story.handlers[k] === i; });
      if (fi !== undefined) showRegisters(panel, data.events[fi], ev);
    }
  }

  const SIGCONTEXT = ["r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rdi", "rsi",
                      "rbp", "rbx", "rdx", "rax", "rcx", "rsp", "rip", "eflags"];

  /* The rt_sigframe's fields, lowest first: [offset, size, name, value]
     (Linux's asm/sigframe.h and uapi/asm/sigcontext.h; frame_x86_64.h here). */
  function frameFields(ev) {
    const d = ev.detail, uc = d.ucontext || {}, sc = d.sigcontext || {},
          regs = d["regs saved"] || {}, si = d.siginfo || {};
    const f = [[0, 8, "pretcode", uc.pretcode], [8, 8, "uc.uc_flags", uc.uc_flags],
               [16, 8, "uc.uc_link", uc.uc_link], [24, 8, "uc.uc_stack.ss_sp", uc.ss_sp],
               [32, 4, "uc.uc_stack.ss_flags", uc.ss_flags],
               [40, 8, "uc.uc_stack.ss_size", uc.ss_size]];
    SIGCONTEXT.forEach(function (r, k) {
      f.push([48 + 8 * k, 8, "uc_mcontext." + r, regs[r === "eflags" ? "rflags" : r]]);
    });
    f.push([192, 2, "uc_mcontext.cs", regs.cs], [194, 2, "uc_mcontext.gs", undefined],
           [196, 2, "uc_mcontext.fs", undefined], [198, 2, "uc_mcontext.ss", regs.ss],
           [200, 8, "uc_mcontext.err", sc.err], [208, 8, "uc_mcontext.trapno", sc.trapno],
           [216, 8, "uc_mcontext.oldmask", sc.oldmask], [224, 8, "uc_mcontext.cr2", sc.cr2],
           [232, 8, "uc_mcontext.fpstate", sc.fpstate],
           [240, 64, "uc_mcontext.reserved1", undefined],
           [304, 8, "uc.uc_sigmask", uc.uc_sigmask], [312, 4, "info.si_signo", si.si_signo],
           [316, 4, "info.si_errno", si.si_errno], [320, 4, "info.si_code", si.si_code],
           [328, 8, "info._sifields (si_pid, si_uid / si_addr)",
            si.word4 === undefined ? undefined :
            "0x" + ((BigInt(si.word5) << 32n) | BigInt(si.word4)).toString(16)],
           [336, 104, "info._sifields (the rest)", si.word6]);
    return f;
  }

  function hex(n) { return n === null || n === undefined ? "ADDR" : "0x" + n.toString(16); }

  function showFrame(panel, data, ev) {
    const geo = data.story.frames[ev.i], fr = geo.frame, fp = geo.fpstate, rsp = geo.rsp;
    const alt = ev.f.stack === "the alternate";
    h("h3", "", panel, "rt_sigframe on " + (alt ? "the alternate signal stack" :
      "the process stack") + (ev.detail.ucontext ? " (sigaltstack: ss_sp " +
      ev.detail.ucontext.ss_sp + ", ss_size " + ev.detail.ucontext.ss_size + ")" : ""));
    const t = h("table", "frame " + (alt ? "altstack" : "mainstack"), panel);
    row(t, ["address", "offset", "field", "size", "value"], "head");
    const at = function (off) { return fr === null ? "ADDR" : hex(fr + off); };
    const rel = function (off) { return "frame" + (off >= 0 ? "+" : "") + off; };
    const region = function (off, size, name, cls) {
      const tr = row(t, [at(off), rel(off), name, size, ""], "region " + cls);
      tr.dataset.offset = off;
      tr.dataset.size = size;
    };
    if (fr !== null && fp !== null && rsp !== null) {   /* highest address first */
      region(rsp - fr, 0, "interrupted rsp: the caller's stack (rip " +
             (ev.detail["regs saved"] || {}).rip + ")", "caller");
      region(rsp - 128 - fr, 128, "red zone (the ABI lets leaf code use it: skipped)", "redzone");
      if (rsp - 128 > fp + 512)
        region(fp + 512 - fr, rsp - 128 - fp - 512,
               "alignment gap: fpstate is rounded down to 64 bytes", "gap");
      region(fp - fr, 512, "fpstate: fxsave area (x87, SSE) ← uc_mcontext.fpstate", "fpstate");
      if (fp > fr + 440)
        region(440, fp - fr - 440, "padding: the frame is rounded down to 16 bytes, less 8 " +
               "(so rsp % 16 == 8 at handler entry, as just after a call)", "gap");
    } else {
      region(440, 0, "padding, fxsave area (512), red zone (128): addresses masked", "gap");
    }
    frameFields(ev).reverse().forEach(function (f) {
      const cls = "field " + (f[0] >= 312 ? "siginfo" : f[0] >= 48 && f[0] < 304 ? "mcontext" :
                              f[0] === 0 ? "pretcode" : "ucontext");
      const unwritten = f[0] >= 312 && ev.f.flags.indexOf("SA_SIGINFO") < 0 ?
        " (not written: no SA_SIGINFO)" : "";
      const tr = row(t, [at(f[0]), rel(f[0]), f[2] + unwritten + (f[0] === 0 ? "  ← rsp at handler entry" :
                        f[0] === 312 ? "  ← rsi = &info" : f[0] === 8 ? "  ← rdx = &uc" : ""),
                        f[1], f[3] === undefined ? "" : f[3]], cls);
      tr.dataset.offset = f[0];
      tr.dataset.size = f[1];
      tr.dataset.field = f[2];
    });
    const ri = data.story.handlers[ev.i];
    if (ri !== null && ri !== undefined) showRegisters(panel, ev, data.events[ri]);
    else h("p", "note", panel, "The handler never returned with sigreturn.");
  }

  const REGS = ["rip", "rsp", "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8", "r9",
                "r10", "r11", "r12", "r13", "r14", "r15", "rflags", "cs", "ss"];

  function showRegisters(panel, frame, ret) {
    const saved = frame.detail["regs saved"], before = ret.detail["regs before sigreturn"],
          after = ret.detail["regs after sigreturn"];
    h("h3", "", panel, "Registers: saved in the frame, at sigreturn (the handler's), after sigreturn");
    if (!saved && !after) {
      h("p", "note", panel, "(boot with sigtrace=detail, e.g. tools/krun --html, for the values)");
      return;
    }
    const t = h("table", "regs", panel);
    row(t, ["register", "saved at delivery", "at sigreturn", "after sigreturn"], "head");
    REGS.forEach(function (r) {
      const a = (saved || {})[r], b = (before || {})[r], c = (after || {})[r];
      const tr = row(t, [r, a, b, c], a !== undefined && c !== undefined && a !== c ? "changed" : "");
      tr.dataset.reg = r;
    });
    h("p", "note", panel, "Red rows: sigreturn restored something other than what the " +
      "kernel saved: the handler (or a bad frame) changed the frame on the stack.");
  }

  const start = performance.now();
  const traces = JSON.parse(document.getElementById("sigview-data").textContent);
  const root = document.getElementById("traces");
  traces.forEach(function (data, k) { drawTrace(data, k, root); });
  document.body.dataset.ready = "yes";
  document.body.dataset.drawMs = (performance.now() - start).toFixed(1);   /* for the notes */
  /* #event=N (or #event=TRACE:N) opens that event's panel, for links and for tests. */
  const m = /^#event=(?:(\d+):)?(\d+)$/.exec(location.hash);
  if (m && traces[Number(m[1] || 0)] && traces[Number(m[1] || 0)].events[Number(m[2])])
    showEvent(Number(m[1] || 0), Number(m[2]));
})();
