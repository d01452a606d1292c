// No console window behind the app on Windows builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    webkit_renderer();
    nianbao_app::run()
}

/// WebKitGTK's DMA-BUF renderer (its default since 2.42) paints through the GPU: on a machine
/// without one (a virtual desktop, an old office PC, Xvfb) every frame is drawn in software and
/// copied, about three times slower than the older shared-memory path (统计分析's first frame
/// 0.48 s against 0.34 s, measured here), and on some NVIDIA and virtual GPUs the window stays
/// blank. The older path, unless the machine's owner chose otherwise; set before any thread.
fn webkit_renderer() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }
}
