// Click-to-load video (templates/expo/partials/video_poster.html). Until the click the page holds a
// local poster that links to the video; nothing is requested from YouTube. The click swaps the poster
// for the youtube-nocookie player. Without this file the poster stays a plain link.
(function () {
  "use strict";

  var EMBED = /^https:\/\/www\.youtube-nocookie\.com\/embed\/[A-Za-z0-9_-]+(\?[A-Za-z0-9_=&-]*)?$/;

  function play(poster) {
    var src = poster.getAttribute("data-embed");
    if (!EMBED.test(src || "")) return false;
    var frame = document.createElement("iframe");
    frame.className = "video-poster__frame";
    frame.src = src;
    frame.title = poster.getAttribute("data-title") || "";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    poster.classList.add("video-poster--playing");
    poster.replaceChildren(frame);
    frame.focus();
    return true;
  }

  function init(root) {
    root.querySelectorAll(".js-video-poster").forEach(function (poster) {
      var link = poster.querySelector(".video-poster__link");
      if (!link) return;
      link.setAttribute("role", "button");
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey) return; // a new tab, as asked
        if (play(poster)) event.preventDefault();
      });
      link.addEventListener("keydown", function (event) {
        if (event.key === " " && play(poster)) event.preventDefault();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
})();
