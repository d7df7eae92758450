/* Maps with Leaflet, added on top of pages that work without them.
 *
 * [data-map="catalogue"]: the farms the current search finds (positions from data-points-url),
 *   refreshed when htmx swaps in new results.
 * [data-map="farm"]: one farm's position (data-lat, data-lon).
 * [data-map="picker"]: choose a position by clicking; writes to the inputs named in
 *   data-lat-input and data-lon-input, and follows them when they are typed in.
 */
(function () {
  "use strict";
  if (typeof L === "undefined") return;

  function baseMap(element, lat, lon, zoom) {
    const map = L.map(element, { scrollWheelZoom: false }).setView([lat, lon], zoom);
    L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution, maxZoom: 18 }).addTo(map);
    return map;
  }

  function catalogueMap(element) {
    const map = baseMap(element, 64.5, 12.5, 4);
    const layer = L.layerGroup().addTo(map);
    function load(url) {
      fetch(url, { headers: { Accept: "application/json" } })
        .then((response) => response.json())
        .then((data) => {
          layer.clearLayers();
          const bounds = [];
          data.farms.forEach((farm) => {
            const marker = L.circleMarker([farm.lat, farm.lon], { radius: 7, color: "#1e5b3a", fillOpacity: 0.8 });
            const link = document.createElement("a");
            link.href = element.dataset.farmUrl.replace("0", String(farm.id));
            link.textContent = farm.name;
            marker.bindPopup(link);
            marker.addTo(layer);
            bounds.push([farm.lat, farm.lon]);
          });
          if (bounds.length) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 11 });
        });
    }
    load(element.dataset.pointsUrl);
    document.body.addEventListener("htmx:afterSwap", () => {
      const results = document.querySelector("[data-points-url]:not([data-map])");
      if (results) load(results.dataset.pointsUrl);
    });
  }

  function farmMap(element) {
    const lat = parseFloat(element.dataset.lat);
    const lon = parseFloat(element.dataset.lon);
    const map = baseMap(element, lat, lon, 11);
    L.circleMarker([lat, lon], { radius: 9, color: "#1e5b3a", fillOpacity: 0.8 }).addTo(map);
  }

  function pickerMap(element) {
    const latInput = document.getElementById(element.dataset.latInput);
    const lonInput = document.getElementById(element.dataset.lonInput);
    const lat = parseFloat(latInput.value || element.dataset.lat);
    const lon = parseFloat(lonInput.value || element.dataset.lon);
    const map = baseMap(element, lat, lon, latInput.value ? 13 : 10);
    const marker = L.marker([lat, lon], { draggable: true, keyboard: true, title: element.dataset.markerTitle }).addTo(map);
    function write(latlng) {
      latInput.value = latlng.lat.toFixed(5);
      lonInput.value = latlng.lng.toFixed(5);
    }
    map.on("click", (event) => { marker.setLatLng(event.latlng); write(event.latlng); });
    marker.on("dragend", () => write(marker.getLatLng()));
    [latInput, lonInput].forEach((input) => input.addEventListener("change", () => {
      const point = [parseFloat(latInput.value), parseFloat(lonInput.value)];
      if (!isNaN(point[0]) && !isNaN(point[1])) { marker.setLatLng(point); map.panTo(point); }
    }));
  }

  const kinds = { catalogue: catalogueMap, farm: farmMap, picker: pickerMap };
  document.querySelectorAll("[data-map]").forEach((element) => {
    const init = kinds[element.dataset.map];
    if (init) init(element);
  });
})();
