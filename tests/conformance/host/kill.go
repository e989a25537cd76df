package main

import (
	"os/exec"
	"syscall"
	"time"

	plugin "github.com/hashicorp/go-plugin"
)

const goPluginKillNote = "go-plugin 1.0.1 Client.Kill: GRPCClient.Close() = broker.Close(); GRPCController/Shutdown(Empty) " +
	"(error ignored, no deadline other than process exit); conn.Close(); if that succeeded, wait up to 2 s for the " +
	"process to exit, else process.Kill() (SIGKILL); then wait for the client goroutines. Same flow as current go-plugin."

// kill does what Grafana does when it stops a plugin (client.Kill) and measures how the process ended.
func kill(client *plugin.Client, cmd *exec.Cmd, res *Results) {
	if res.Kill.Called || cmd.Process == nil {
		return
	}
	res.Kill.Called = true
	res.Kill.AliveBeforeKill = !client.Exited()

	t0 := time.Now()
	stop := make(chan struct{})
	observed := make(chan time.Duration, 1)
	go func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			if client.Exited() {
				observed <- time.Since(t0)
				return
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	client.Kill()
	res.Kill.KillReturnedMs = ms(time.Since(t0))
	// Kill waits for go-plugin's goroutines, including the one that calls cmd.Wait and sets Exited.
	select {
	case d := <-observed:
		res.Kill.ExitObservedMs = ms(d)
	case <-time.After(100 * time.Millisecond):
	}
	close(stop)
	res.Kill.Exited = client.Exited()

	if ps := cmd.ProcessState; ps != nil {
		res.Kill.ExitCode = ps.ExitCode()
		if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			res.Kill.Signal = ws.Signal().String()
			res.Kill.ForcedKill = ws.Signal() == syscall.SIGKILL
		}
	}
	res.Kill.ExitedWithin2s = res.Kill.Exited && !res.Kill.ForcedKill &&
		res.Kill.ExitObservedMs >= 0 && res.Kill.ExitObservedMs <= 2000
}
