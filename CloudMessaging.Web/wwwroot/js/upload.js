// Claim-check upload: the browser streams the chosen file (it never reads it into memory) to the web's own
// /uploads/documents, which streams it on to the API. Progress goes back to the page's .NET side a few times a second.
export function upload(input, url, page) {
    const file = input.files && input.files[0];
    if (!file) {
        return false;
    }

    const xhr = new XMLHttpRequest();
    let last = 0;
    xhr.upload.onprogress = e => {
        const now = Date.now();
        if (e.lengthComputable && (now - last > 200 || e.loaded === e.total)) {
            last = now;
            page.invokeMethodAsync("OnUploadProgress", e.loaded, e.total);
        }
    };
    xhr.onload = () => page.invokeMethodAsync("OnUploadFinished", xhr.status, xhr.responseText);
    xhr.onerror = () => page.invokeMethodAsync("OnUploadFinished", 0, "");
    xhr.open("POST", url + "?fileName=" + encodeURIComponent(file.name));
    xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    xhr.setRequestHeader("X-CloudMessaging-Upload", "1");
    xhr.send(file);
    page.invokeMethodAsync("OnUploadStarted", file.name, file.size);
    return true;
}
